using System.Globalization;
using System.Text;

namespace AutoNet.Testing;

/// <summary>
/// The outcome of <see cref="GradientSnapshot.Compare"/> or <see cref="GradientSnapshot.Verify"/>: one
/// <see cref="GradientComparison"/> per gradient (missing and extra names first, then each gradient in the
/// expected snapshot's order, then the loss), and a summary. <c>Assert.True(result.Passed, result.ToString())</c>
/// makes a test that explains its own failure.
/// </summary>
public sealed class SnapshotComparison
{
    internal SnapshotComparison(string title, IReadOnlyList<GradientComparison> comparisons, string? note = null, bool created = false)
    {
        Title = title;
        Comparisons = comparisons;
        Note = note;
        Created = created;
    }

    /// <summary>What was compared, e.g. <c>GradientSnapshot.Compare (expected PyTorch 1.13.0, actual AutoNet 1.0.0)</c>.</summary>
    public string Title { get; }

    /// <summary>Every comparison made: missing names, extra names, each common gradient, the loss.</summary>
    public IReadOnlyList<GradientComparison> Comparisons { get; }

    /// <summary>What <see cref="GradientSnapshot.Verify"/> did with files (created the golden, wrote or removed the
    /// received file), or null.</summary>
    public string? Note { get; }

    /// <summary>True when <see cref="GradientSnapshot.Verify"/> found no golden and wrote one: the result does not
    /// pass, as the new file must be reviewed and committed first.</summary>
    public bool Created { get; }

    /// <summary>True when a golden existed and every comparison passed.</summary>
    public bool Passed => !Created && Comparisons.All(c => c.Passed);

    /// <summary>The comparisons that failed, in order.</summary>
    public IEnumerable<GradientComparison> Failures => Comparisons.Where(c => !c.Passed);

    /// <summary>The names in the expected snapshot only.</summary>
    public IEnumerable<string> MissingNames => Comparisons.Where(c => c.Kind == GradientComparisonKind.Missing).Select(c => c.Name);

    /// <summary>The names in the actual snapshot only.</summary>
    public IEnumerable<string> ExtraNames => Comparisons.Where(c => c.Kind == GradientComparisonKind.Extra).Select(c => c.Name);

    /// <summary>The largest absolute error over the elements compared (0 when none were).</summary>
    public double MaxAbsoluteError => Comparisons.Select(c => c.MaxAbsoluteError).DefaultIfEmpty(0).Max();

    /// <summary>The largest relative error over the elements compared (see <see cref="GradientComparison.MaxRelativeError"/>).</summary>
    public double MaxRelativeError => Comparisons.Select(c => c.MaxRelativeError).DefaultIfEmpty(0).Max();

    /// <summary>A readable report: a summary line, the note of <see cref="GradientSnapshot.Verify"/> if any, then one
    /// line per comparison (failures name the gradient, the element, both values and the errors).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append(": ");
        if (Created) sb.Append("CREATED (not passed)");
        else
        {
            int failed = Failures.Count();
            sb.Append(Passed ? "PASSED" : "FAILED")
              .Append(CultureInfo.InvariantCulture, $" ({(failed == 0 ? "" : $"{failed} of {Comparisons.Count} differ; ")}max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3})");
        }
        if (Note is not null) sb.Append("\n  ").Append(Note);
        foreach (var c in Comparisons) sb.Append("\n  ").Append(c);
        return sb.ToString();
    }
}
