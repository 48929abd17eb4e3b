namespace AutoNet.TorchSharp;

/// <summary>
/// How close an AutoNet value must be to PyTorch's: |autoNet - torch| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/> · |torch| + <see cref="RelativeToLargest"/> · max|torch| (the largest magnitude in the
/// same tensor). With the last term 0, the default, this is the rule of <c>torch.allclose</c> and
/// <c>numpy.isclose</c>. NaN matches only NaN, and an infinity only the same infinity.
/// </summary>
/// <param name="Relative">The relative tolerance (rtol).</param>
/// <param name="Absolute">The absolute tolerance (atol), for values near zero where a relative error means little.</param>
/// <param name="RelativeToLargest">A tolerance relative to the largest magnitude in the tensor: for results in which
/// large terms cancel (a softmax gradient, a sum of terms of both signs), whose rounding error follows the size of
/// the terms rather than of the result. Default 0.</param>
public readonly record struct ParityTolerance(double Relative, double Absolute, double RelativeToLargest = 0)
{
    /// <summary>The default for float64: rtol 1e-12, atol 1e-14 (a few ulps of a sum or a product chain).</summary>
    public static ParityTolerance Float64 { get; } = new(1e-12, 1e-14);

    /// <summary>The default for float32: rtol 1e-5, atol 1e-6.</summary>
    public static ParityTolerance Float32 { get; } = new(1e-5, 1e-6);

    /// <summary>The default tolerance for values of <paramref name="dtype"/>.</summary>
    public static ParityTolerance For(DType dtype) => dtype == DType.Float32 ? Float32 : Float64;

    /// <summary>True when <paramref name="autoNet"/> is close enough to the reference <paramref name="torch"/>.</summary>
    /// <param name="autoNet">AutoNet's value.</param>
    /// <param name="torch">PyTorch's value, the reference.</param>
    /// <param name="largest">The largest finite |value| of the reference tensor (used with <see cref="RelativeToLargest"/>).</param>
    public bool Accepts(double autoNet, double torch, double largest = 0)
    {
        if (double.IsNaN(autoNet) || double.IsNaN(torch)) return double.IsNaN(autoNet) && double.IsNaN(torch);
        if (double.IsInfinity(autoNet) || double.IsInfinity(torch)) return autoNet == torch;
        return Math.Abs(autoNet - torch) <= Allowance(torch, largest);
    }

    /// <summary>The largest |autoNet - torch| accepted for the reference value <paramref name="torch"/>.</summary>
    public double Allowance(double torch, double largest = 0) =>
        Absolute + Relative * Math.Abs(torch) + RelativeToLargest * largest;

    /// <summary>True when |<paramref name="torch"/>| is large enough that the relative tolerance, not the absolute
    /// one, sets most of its allowance (rtol · |torch| ≥ atol): only there does a relative error mean something.</summary>
    public bool RelativeGoverns(double torch) =>
        double.IsFinite(torch) && Math.Abs(torch) > 0 && (Relative > 0 ? Relative * Math.Abs(torch) >= Absolute : Math.Abs(torch) > Absolute);

    /// <summary>The tolerance as text, e.g. <c>rtol 1e-12, atol 1e-14</c>.</summary>
    public override string ToString() => RelativeToLargest == 0
        ? FormattableString.Invariant($"rtol {Relative:G3}, atol {Absolute:G3}")
        : FormattableString.Invariant($"rtol {Relative:G3}, atol {Absolute:G3}, rtol of the largest {RelativeToLargest:G3}");
}
