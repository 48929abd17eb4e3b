namespace AutoNet.Testing;

/// <summary>Comparing two snapshots.</summary>
public sealed partial class GradientSnapshot
{
    /// <summary>
    /// Compares <paramref name="actual"/> (typically just captured) with <paramref name="expected"/> (the golden):
    /// the names first (a name in one snapshot only is reported as missing or extra; a missing and an extra
    /// gradient of the same shape and dtype are pointed out as a likely rename), then each common gradient (its
    /// shape, both shapes when they differ; its dtype; then every element, reporting the worst with both values
    /// and its relative error), then the loss. An element passes when |actual - expected| ≤ atol + rtol ·
    /// |expected|; NaN matches only NaN, an infinity only the same infinity.
    /// </summary>
    /// <param name="expected">The golden snapshot, e.g. <see cref="Load"/> of a file recorded with PyTorch.</param>
    /// <param name="actual">The snapshot to check.</param>
    /// <param name="rtol">The relative tolerance; by default the dtype's, as <see cref="SnapshotTolerance.For"/>
    /// gives it (1e-12 for float64, 1e-5 for float32).</param>
    /// <param name="atol">The absolute tolerance; by default the dtype's (1e-14 for float64, 1e-6 for float32).</param>
    /// <returns>The result, with <see cref="SnapshotComparison.Passed"/> and a readable <c>ToString()</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is negative or NaN.</exception>
    public static SnapshotComparison Compare(GradientSnapshot expected, GradientSnapshot actual, double? rtol = null, double? atol = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        CheckTolerance(rtol, nameof(rtol));
        CheckTolerance(atol, nameof(atol));
        var comparisons = SnapshotComparer.Compare(expected, actual, rtol, atol);
        return new SnapshotComparison(Title("GradientSnapshot.Compare", expected, actual), comparisons);
    }

    private static string Title(string what, GradientSnapshot expected, GradientSnapshot actual) =>
        $"{what} (expected {expected.Producer} {expected.DType.Name()}, {expected.Gradients.Count} gradients; " +
        $"actual {actual.Producer} {actual.DType.Name()}, {actual.Gradients.Count} gradients)";

    private static void CheckTolerance(double? value, string name)
    {
        if (value is { } v && !(v >= 0))
            throw new ArgumentOutOfRangeException(name, v, $"GradientSnapshot.Compare: {name} must be a number >= 0, got {v}.");
    }
}
