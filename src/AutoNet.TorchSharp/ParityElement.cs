using System.Globalization;

namespace AutoNet.TorchSharp;

/// <summary>One element compared by a <see cref="Parity"/> check: where it is and both libraries' values.</summary>
/// <param name="Index">Its position, one index per dimension (empty for a 0-d tensor).</param>
/// <param name="AutoNetValue">AutoNet's value.</param>
/// <param name="TorchValue">The reference value: PyTorch's (TorchSharp's), or in a <see cref="GradientCheck"/>.ThreeWay
/// report the finite-difference or hand-written value (see <see cref="ReferenceName"/>).</param>
public sealed record ParityElement(IReadOnlyList<int> Index, double AutoNetValue, double TorchValue)
{
    /// <summary>What the reference value comes from, as printed: <c>PyTorch</c> (the default), <c>finite differences</c>
    /// or <c>hand-written</c>.</summary>
    public string ReferenceName { get; init; } = "PyTorch";

    /// <summary>|AutoNet - PyTorch| (0 when both are the same NaN or infinity, +∞ when only one is).</summary>
    public double AbsoluteError
    {
        get
        {
            if (Same) return 0;
            double error = Math.Abs(AutoNetValue - TorchValue);
            return double.IsNaN(error) ? double.PositiveInfinity : error; // NaN against a number, or ∞ - ∞
        }
    }

    /// <summary>|AutoNet - PyTorch| / |PyTorch| (0 when equal; +∞ when PyTorch's value is 0 and AutoNet's is not).</summary>
    public double RelativeError => Same ? 0 : TorchValue == 0 || !double.IsFinite(TorchValue) ? double.PositiveInfinity : AbsoluteError / Math.Abs(TorchValue);

    private bool Same => AutoNetValue.Equals(TorchValue); // Equals: NaN equals NaN, +∞ equals +∞

    /// <summary>The element as text, e.g. <c>[1, 2]: AutoNet 0.5, PyTorch 0.5000001 (abs 1E-07, rel 2E-07)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{string.Join(", ", Index)}]: AutoNet {AutoNetValue:R}, {ReferenceName} {TorchValue:R} (abs error {AbsoluteError:G3}, rel error {RelativeError:G3})");
}
