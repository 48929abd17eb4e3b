using System.Globalization;
using System.Text;

namespace AutoNet.TorchSharp;

/// <summary>
/// The outcome of a <see cref="Parity"/> check: one <see cref="ParityComparison"/> per compared tensor (the
/// output, then each gradient), and a summary. <c>Assert.True(result.Passed, result.ToString())</c> makes a test
/// that explains its own failure.
/// </summary>
public sealed class ParityResult
{
    internal ParityResult(string title, IReadOnlyList<ParityComparison> comparisons)
    {
        Title = title;
        Comparisons = comparisons;
    }

    /// <summary>What was checked, e.g. <c>Parity.Check (2 inputs)</c>.</summary>
    public string Title { get; }

    /// <summary>Every comparison made, the output first.</summary>
    public IReadOnlyList<ParityComparison> Comparisons { get; }

    /// <summary>True when every comparison passed.</summary>
    public bool Passed => Comparisons.All(c => c.Passed);

    /// <summary>The comparisons that failed, in order.</summary>
    public IEnumerable<ParityComparison> Failures => Comparisons.Where(c => !c.Passed);

    /// <summary>The largest absolute error over all comparisons (0 when there are none).</summary>
    public double MaxAbsoluteError => Comparisons.Count == 0 ? 0 : Comparisons.Max(c => c.MaxAbsoluteError);

    /// <summary>The largest relative error over all comparisons (see <see cref="ParityComparison.MaxRelativeError"/>).</summary>
    public double MaxRelativeError => Comparisons.Count == 0 ? 0 : Comparisons.Max(c => c.MaxRelativeError);

    /// <summary>The first failing comparison, or null when all passed.</summary>
    public ParityComparison? FirstFailure => Failures.FirstOrDefault();

    /// <summary>A readable report: a summary line, then one line per comparison (failures name the tensor, the
    /// element, both values and the errors).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Title).Append(": ").Append(Passed ? "PASSED" : "FAILED")
          .Append(CultureInfo.InvariantCulture, $" (max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3})");
        foreach (var c in Comparisons) sb.Append('\n').Append("  ").Append(c);
        return sb.ToString();
    }
}
