namespace AutoNet.TorchSharp;

/// <summary>
/// How close an AutoNet value must be to PyTorch's: |autoNet - torch| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/> · |torch|, the rule of <c>torch.allclose</c> and <c>numpy.isclose</c>. NaN matches only
/// NaN, and an infinity only the same infinity.
/// </summary>
/// <param name="Relative">The relative tolerance (rtol).</param>
/// <param name="Absolute">The absolute tolerance (atol), for values near zero where a relative error means little.</param>
public readonly record struct ParityTolerance(double Relative, double Absolute)
{
    /// <summary>The default for float64: rtol 1e-12, atol 1e-14 (a few ulps of a sum or a product chain).</summary>
    public static ParityTolerance Float64 { get; } = new(1e-12, 1e-14);

    /// <summary>The default for float32: rtol 1e-5, atol 1e-6.</summary>
    public static ParityTolerance Float32 { get; } = new(1e-5, 1e-6);

    /// <summary>The default tolerance for values of <paramref name="dtype"/>.</summary>
    public static ParityTolerance For(DType dtype) => dtype == DType.Float32 ? Float32 : Float64;

    /// <summary>True when <paramref name="autoNet"/> is close enough to the reference <paramref name="torch"/>.</summary>
    public bool Accepts(double autoNet, double torch)
    {
        if (double.IsNaN(autoNet) || double.IsNaN(torch)) return double.IsNaN(autoNet) && double.IsNaN(torch);
        if (double.IsInfinity(autoNet) || double.IsInfinity(torch)) return autoNet == torch;
        return Math.Abs(autoNet - torch) <= Absolute + Relative * Math.Abs(torch);
    }

    /// <summary>The tolerance as text, e.g. <c>rtol 1e-12, atol 1e-14</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"rtol {Relative:G3}, atol {Absolute:G3}");
}
