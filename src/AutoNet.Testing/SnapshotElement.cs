using System.Globalization;

namespace AutoNet.Testing;

/// <summary>One element of a compared gradient: where it is, and the expected (golden) and actual values.</summary>
/// <param name="Index">Its position, one index per dimension (empty for a 0-d tensor and for the loss).</param>
/// <param name="Expected">The golden value.</param>
/// <param name="Actual">The value computed now.</param>
public sealed record SnapshotElement(IReadOnlyList<int> Index, double Expected, double Actual)
{
    /// <summary>|actual - expected| (0 when both are the same NaN or infinity, +∞ when only one is).</summary>
    public double AbsoluteError
    {
        get
        {
            if (Same) return 0;
            double error = Math.Abs(Actual - Expected);
            return double.IsNaN(error) ? double.PositiveInfinity : error; // NaN against a number, or ∞ - ∞
        }
    }

    /// <summary>|actual - expected| / |expected| (0 when equal; +∞ when the expected value is 0 and the actual is not).</summary>
    public double RelativeError => Same ? 0 : Expected == 0 || !double.IsFinite(Expected) ? double.PositiveInfinity : AbsoluteError / Math.Abs(Expected);

    private bool Same => Actual.Equals(Expected); // Equals: NaN equals NaN, +∞ equals +∞

    /// <summary>The element as text, e.g. <c>[1, 0]: expected 0.5, actual 0.25 (abs error 0.25, rel error 0.5)</c>,
    /// both values in their shortest round-trip form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{string.Join(", ", Index)}]: expected {Expected:R}, actual {Actual:R} (abs error {AbsoluteError:G3}, rel error {RelativeError:G3})");
}
