using System.Globalization;
using System.Text;

namespace AutoNet.TorchSharp;

/// <summary>
/// The outcome of <see cref="GradientCheck"/>.ThreeWay: the forward compared with PyTorch's, and for each
/// differentiated input AutoNet's gradient compared with finite differences, with PyTorch and with the hand-written
/// gradient. <c>Assert.True(result.Passed, result.ToString())</c> makes a test that explains its own failure.
/// </summary>
public sealed class ThreeWayResult
{
    internal ThreeWayResult(string name, int inputCount, ParityComparison forward, IReadOnlyList<InputGradientCheck> inputs)
    {
        Name = name;
        InputCount = inputCount;
        Forward = forward;
        Inputs = inputs;
    }

    /// <summary>The name of the checked op or function, as given to the check.</summary>
    public string Name { get; }

    /// <summary>How many inputs the function takes (constants included).</summary>
    public int InputCount { get; }

    /// <summary>AutoNet's output against PyTorch's: the comparison that catches a wrong forward.</summary>
    public ParityComparison Forward { get; }

    /// <summary>One entry per differentiated input, in input order.</summary>
    public IReadOnlyList<InputGradientCheck> Inputs { get; }

    /// <summary>True when the forward matches PyTorch's and every gradient comparison passed.</summary>
    public bool Passed => Forward.Passed && Inputs.All(i => i.Passed);

    /// <summary>Every comparison that failed: the forward, then each input's, in order.</summary>
    public IEnumerable<ParityComparison> Failures =>
        new[] { Forward }.Concat(Inputs.SelectMany(i => i.Comparisons)).Where(c => !c.Passed);

    /// <summary>
    /// A readable report: a summary line naming the op; the forward line; then per input one line per reference
    /// (pass or fail, largest errors, the worst element with both values and its relative error) and the verdict.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"GradientCheck.ThreeWay {Name} ({InputCount} input{(InputCount == 1 ? "" : "s")}): ")
          .Append(Passed ? "PASSED" : "FAILED");
        sb.Append("\n  forward, AutoNet vs PyTorch: ").Append(Line(Forward));
        foreach (var input in Inputs)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n  input {input.Index} [{string.Join(", ", input.FiniteDifferences.Shape)}] {input.FiniteDifferences.DType.Name()}, AutoNet's gradient vs");
            foreach (var c in input.Comparisons) sb.Append("\n    ").Append(c.ReferenceName).Append(": ").Append(Line(c));
            if (input.PyTorch is null) sb.Append("\n    PyTorch: not compared (the outputs differ in shape or dtype)");
            sb.Append("\n    verdict: ").Append(input.Verdict);
        }
        return sb.ToString();
    }

    private static string Line(ParityComparison c)
    {
        var sb = new StringBuilder(c.Passed ? "ok" : "FAIL");
        if (c.Problem is not null) return sb.Append(", ").Append(c.Problem).ToString();
        sb.Append(CultureInfo.InvariantCulture, $", max abs error {c.MaxAbsoluteError:G3}, max rel error {c.MaxRelativeError:G3} ({c.Tolerance})");
        if (!c.Passed) sb.Append(CultureInfo.InvariantCulture, $"; {c.MismatchCount} of {c.Count} elements differ");
        if (c.Worst is not null) sb.Append("; worst at ").Append(c.Worst);
        return sb.ToString();
    }
}
