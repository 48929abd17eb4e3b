namespace AutoNet.Testing;

/// <summary>
/// How close an actual value must be to the expected (golden) one: |actual - expected| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/> · |expected|, the rule of <c>torch.allclose</c> and <c>numpy.isclose</c>, and of
/// AutoNet.TorchSharp's <c>ParityTolerance</c>, whose per-dtype defaults these are. NaN matches only NaN, and an
/// infinity only the same infinity.
/// </summary>
/// <param name="Relative">The relative tolerance (rtol).</param>
/// <param name="Absolute">The absolute tolerance (atol), for values near zero where a relative error means little.</param>
public readonly record struct SnapshotTolerance(double Relative, double Absolute)
{
    /// <summary>The default for float64: rtol 1e-12, atol 1e-14 (a few ulps of a sum or a product chain).</summary>
    public static SnapshotTolerance Float64 { get; } = new(1e-12, 1e-14);

    /// <summary>The default for float32: rtol 1e-5, atol 1e-6.</summary>
    public static SnapshotTolerance Float32 { get; } = new(1e-5, 1e-6);

    /// <summary>The default tolerance for values of <paramref name="dtype"/>.</summary>
    public static SnapshotTolerance For(DType dtype) => dtype == DType.Float32 ? Float32 : Float64;

    /// <summary>True when <paramref name="actual"/> is close enough to <paramref name="expected"/>.</summary>
    /// <param name="actual">The value computed now.</param>
    /// <param name="expected">The golden value.</param>
    public bool Accepts(double actual, double expected)
    {
        if (double.IsNaN(actual) || double.IsNaN(expected)) return double.IsNaN(actual) && double.IsNaN(expected);
        if (double.IsInfinity(actual) || double.IsInfinity(expected)) return actual == expected;
        return Math.Abs(actual - expected) <= Allowance(expected);
    }

    /// <summary>The largest |actual - expected| accepted for the golden value <paramref name="expected"/>.</summary>
    public double Allowance(double expected) => Absolute + Relative * Math.Abs(expected);

    /// <summary>True when |<paramref name="expected"/>| is above the absolute tolerance, so that a relative error
    /// there is not just rounding noise around zero; the reports' maximum relative error covers only such elements.</summary>
    public bool RelativeErrorMeaningful(double expected) => double.IsFinite(expected) && Math.Abs(expected) > Absolute;

    /// <summary>The tolerance as text, e.g. <c>rtol 1E-12, atol 1E-14</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"rtol {Relative:G3}, atol {Absolute:G3}");
}
