using System.Globalization;
using System.Text;

namespace AutoNet.TorchSharp;

/// <summary>
/// The comparison of one tensor computed by both libraries (the output, or the gradient of one input or
/// parameter): how far apart they are, and the worst element.
/// </summary>
public sealed class ParityComparison
{
    internal ParityComparison(string name, IReadOnlyList<int> shape, DType dtype, ParityTolerance tolerance,
        int count, int mismatchCount, double maxAbsoluteError, double maxRelativeError, ParityElement? worst, string? problem,
        string referenceName = "PyTorch")
    {
        ReferenceName = referenceName;
        Name = name;
        Shape = shape;
        DType = dtype;
        Tolerance = tolerance;
        Count = count;
        MismatchCount = mismatchCount;
        MaxAbsoluteError = maxAbsoluteError;
        MaxRelativeError = maxRelativeError;
        Worst = worst;
        Problem = problem;
    }

    /// <summary>What was compared, e.g. <c>output</c>, <c>gradient of input 1</c>, <c>gradient of 0.weight</c>.</summary>
    public string Name { get; }

    /// <summary>What AutoNet's tensor was compared with: <c>PyTorch</c>, or in a <see cref="GradientCheck"/>.ThreeWay
    /// report also <c>finite differences</c> or <c>hand-written</c>.</summary>
    public string ReferenceName { get; }

    /// <summary>The shape of AutoNet's tensor.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The dtype of AutoNet's tensor.</summary>
    public DType DType { get; }

    /// <summary>The tolerance the elements were held to.</summary>
    public ParityTolerance Tolerance { get; }

    /// <summary>The number of elements compared.</summary>
    public int Count { get; }

    /// <summary>The number of elements outside the tolerance.</summary>
    public int MismatchCount { get; }

    /// <summary>The largest |AutoNet - reference| over all elements.</summary>
    public double MaxAbsoluteError { get; }

    /// <summary>The largest |AutoNet - reference| / |reference| over the elements large enough that the relative
    /// tolerance governs (|reference| ≥ atol / rtol, see <see cref="ParityTolerance.RelativeGoverns"/>); for smaller
    /// ones a relative error says little and the absolute tolerance rules. 0 when there are none.</summary>
    public double MaxRelativeError { get; }

    /// <summary>The element furthest outside (or least inside) the tolerance; null when there are no elements or
    /// the tensors could not be compared.</summary>
    public ParityElement? Worst { get; }

    /// <summary>Why the tensors could not be compared element by element (shapes or dtypes differ), or null.</summary>
    public string? Problem { get; }

    /// <summary>True when the tensors have the same shape and dtype and every element is within tolerance.</summary>
    public bool Passed => Problem is null && MismatchCount == 0;

    /// <summary>One line: the name, pass or fail, the errors, and on failure the worst element.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Passed ? "ok   " : "FAIL ").Append(Name).Append(' ')
          .Append('[').Append(string.Join(", ", Shape)).Append("] ").Append(DType.Name());
        if (Problem is not null) return sb.Append(": ").Append(Problem).ToString();
        sb.Append(CultureInfo.InvariantCulture, $": max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3} ({Tolerance})");
        if (!Passed) sb.Append(CultureInfo.InvariantCulture, $"; {MismatchCount} of {Count} elements differ, worst at {Worst}");
        return sb.ToString();
    }
}
