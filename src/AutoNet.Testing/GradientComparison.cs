using System.Globalization;
using System.Text;

namespace AutoNet.Testing;

/// <summary>What a <see cref="GradientComparison"/> line is about.</summary>
public enum GradientComparisonKind
{
    /// <summary>A gradient present in both snapshots, compared shape, dtype, then element by element.</summary>
    Gradient,

    /// <summary>A gradient in the expected (golden) snapshot only: a parameter or input that is gone or renamed.</summary>
    Missing,

    /// <summary>A gradient in the actual snapshot only: a new parameter or input, or a renamed one.</summary>
    Extra,

    /// <summary>The loss value.</summary>
    Loss,
}

/// <summary>
/// The comparison of one gradient (or of the loss) between an expected (golden) and an actual snapshot: how far
/// apart they are and the worst element, or why they could not be compared (missing, extra, reshaped, another dtype).
/// </summary>
public sealed class GradientComparison
{
    internal GradientComparison(GradientComparisonKind kind, string name, IReadOnlyList<int>? expectedShape, IReadOnlyList<int>? actualShape,
        DType dtype, SnapshotTolerance tolerance, int count, int mismatchCount, double maxAbsoluteError, double maxRelativeError,
        SnapshotElement? worst, string? problem)
    {
        Kind = kind;
        Name = name;
        ExpectedShape = expectedShape;
        ActualShape = actualShape;
        DType = dtype;
        Tolerance = tolerance;
        Count = count;
        MismatchCount = mismatchCount;
        MaxAbsoluteError = maxAbsoluteError;
        MaxRelativeError = maxRelativeError;
        Worst = worst;
        Problem = problem;
    }

    /// <summary>What the line is about: a compared gradient, a missing or extra one, or the loss.</summary>
    public GradientComparisonKind Kind { get; }

    /// <summary>The gradient's name (<c>0.weight</c>, <c>input.x</c>), or <c>loss</c>.</summary>
    public string Name { get; }

    /// <summary>The shape in the expected snapshot (null for an extra gradient; empty for the loss).</summary>
    public IReadOnlyList<int>? ExpectedShape { get; }

    /// <summary>The shape in the actual snapshot (null for a missing gradient; empty for the loss).</summary>
    public IReadOnlyList<int>? ActualShape { get; }

    /// <summary>The dtype of the actual tensor (of the expected one for a missing gradient; the loss's for the loss).</summary>
    public DType DType { get; }

    /// <summary>The tolerance the elements were held to.</summary>
    public SnapshotTolerance Tolerance { get; }

    /// <summary>The number of elements compared (0 when the tensors could not be compared).</summary>
    public int Count { get; }

    /// <summary>The number of elements outside the tolerance.</summary>
    public int MismatchCount { get; }

    /// <summary>The largest |actual - expected| over the elements (0 when none were compared).</summary>
    public double MaxAbsoluteError { get; }

    /// <summary>The largest |actual - expected| / |expected| over the elements larger than atol (see
    /// <see cref="SnapshotTolerance.RelativeErrorMeaningful"/>); 0 when there are none.</summary>
    public double MaxRelativeError { get; }

    /// <summary>The element furthest outside (or least inside) the tolerance; null when none were compared.</summary>
    public SnapshotElement? Worst { get; }

    /// <summary>Why the gradient could not be compared element by element (missing, extra, shapes or dtypes
    /// differ), with a hint where one applies (a likely rename); null when it was compared.</summary>
    public string? Problem { get; }

    /// <summary>True when the gradient is in both snapshots with the same shape and dtype, and every element is
    /// within tolerance.</summary>
    public bool Passed => Problem is null && MismatchCount == 0;

    /// <summary>One line: pass or fail, the name, shape and dtype, the errors, and on failure the worst element or the problem.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Passed ? "ok   " : "FAIL ");
        switch (Kind)
        {
            case GradientComparisonKind.Missing:
                return sb.Append(CultureInfo.InvariantCulture, $"missing {Name} {Shape(ExpectedShape)} {DType.Name()}: {Problem}").ToString();
            case GradientComparisonKind.Extra:
                return sb.Append(CultureInfo.InvariantCulture, $"extra {Name} {Shape(ActualShape)} {DType.Name()}: {Problem}").ToString();
            case GradientComparisonKind.Loss:
                return sb.Append(CultureInfo.InvariantCulture, $"loss {DType.Name()}: expected {Worst!.Expected:R}, actual {Worst.Actual:R} " +
                                 $"(abs error {Worst.AbsoluteError:G3}, rel error {Worst.RelativeError:G3}; {Tolerance})").ToString();
        }
        sb.Append(Name).Append(' ').Append(Shape(ActualShape)).Append(' ').Append(DType.Name());
        if (Problem is not null) return sb.Append(": ").Append(Problem).ToString();
        sb.Append(CultureInfo.InvariantCulture, $": max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3} ({Tolerance})");
        if (!Passed) sb.Append(CultureInfo.InvariantCulture, $"; {MismatchCount} of {Count} elements differ, worst at {Worst}");
        return sb.ToString();
    }

    internal static string Shape(IReadOnlyList<int>? shape) => shape is null ? "[?]" : "[" + string.Join(", ", shape) + "]";
}
