using System.Globalization;
using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// The outcome of <see cref="Autograd.GradCheck"/> or <see cref="Autograd.GradGradCheck"/>: whether every
/// compared entry satisfied |analytical - numerical| &lt;= atol + rtol · |numerical|, and the worst entry (the one
/// closest to, or furthest beyond, that tolerance), located by input, element and output element.
/// PyTorch's <c>gradcheck</c> returns a bool or raises <c>GradcheckError</c>; call <see cref="ThrowIfFailed"/> for
/// the raising behaviour.
/// </summary>
public sealed class GradCheckResult
{
    internal GradCheckResult(string check, GradCheckMode mode, bool passed, int compared, double eps, double atol, double rtol,
        bool promoted, int seed, GradCheckEntry? worst)
    {
        Check = check;
        Mode = mode;
        Passed = passed;
        ComparedCount = compared;
        Eps = eps;
        Atol = atol;
        Rtol = rtol;
        PromotedToFloat64 = promoted;
        Seed = seed;
        var w = worst ?? new GradCheckEntry(-1, "", [], -1, -1, "", [], -1, 0, 0);
        InputIndex = w.Input;
        InputShape = Array.AsReadOnly(w.InputShape);
        InputLabel = w.InputLabel;
        ElementIndex = w.Element;
        ElementMultiIndex = Array.AsReadOnly(w.Element >= 0 ? Unravel(w.Element, w.InputShape) : []);
        OutputIndex = w.Output;
        OutputLabel = w.OutputLabel;
        OutputShape = Array.AsReadOnly(w.OutputShape);
        OutputElementIndex = w.OutputElement;
        Analytical = w.Analytical;
        Numerical = w.Numerical;
    }

    /// <summary>"GradCheck" or "GradGradCheck".</summary>
    public string Check { get; }

    /// <summary>The mode that was run: <see cref="GradCheckMode.Full"/> or <see cref="GradCheckMode.Fast"/>.</summary>
    public GradCheckMode Mode { get; }

    /// <summary>True when every compared entry is within tolerance (NaN never is).</summary>
    public bool Passed { get; }

    /// <summary>How many numbers were compared (Jacobian entries in full mode, one per input in fast mode).</summary>
    public int ComparedCount { get; }

    /// <summary>The finite-difference step.</summary>
    public double Eps { get; }

    /// <summary>The absolute tolerance.</summary>
    public double Atol { get; }

    /// <summary>The relative tolerance (relative to |numerical|).</summary>
    public double Rtol { get; }

    /// <summary>True when some input was float32 and was checked as a float64 copy (as the check always runs in float64).</summary>
    public bool PromotedToFloat64 { get; }

    /// <summary>The seed of the random directions (fast mode) and of GradGradCheck's random grad_output.</summary>
    public int Seed { get; }

    /// <summary>The input of the worst entry (-1 if nothing was compared).</summary>
    public int InputIndex { get; }

    /// <summary>A description of the input, e.g. "the grad_output" for GradGradCheck's last input (else empty).</summary>
    internal string InputLabel { get; }

    /// <summary>The shape of that input.</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>The row-major flat index of the worst element within the input (-1 in fast mode, where a random
    /// direction is checked instead of single elements).</summary>
    public int ElementIndex { get; }

    /// <summary>The same element as a multi-index, e.g. [2, 1] (empty in fast mode and for a 0-d input).</summary>
    public IReadOnlyList<int> ElementMultiIndex { get; }

    /// <summary>The output of the worst entry (GradCheck has one output, 0; GradGradCheck one per input gradient).</summary>
    public int OutputIndex { get; }

    /// <summary>The shape of that output.</summary>
    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>The row-major flat index of the output element whose gradient holds the worst entry (-1 in fast mode).</summary>
    public int OutputElementIndex { get; }

    /// <summary>A description of the output, e.g. "the gradient of input 0" in GradGradCheck (empty for GradCheck).</summary>
    internal string OutputLabel { get; }

    /// <summary>The analytical value of the worst entry (from backward).</summary>
    public double Analytical { get; }

    /// <summary>The numerical value of the worst entry (from central differences).</summary>
    public double Numerical { get; }

    /// <summary>|Analytical - Numerical|.</summary>
    public double AbsoluteError => Math.Abs(Analytical - Numerical);

    /// <summary>|Analytical - Numerical| / |Numerical| (0 when both are 0, infinity when only the numerical one is).</summary>
    public double RelativeError => AbsoluteError == 0 ? 0 : AbsoluteError / Math.Abs(Numerical);

    /// <summary>The tolerance the worst entry was held to: atol + rtol · |Numerical|.</summary>
    public double Tolerance => Atol + Rtol * Math.Abs(Numerical);

    /// <summary>The element as printed, e.g. <c>[2, 1]</c>.</summary>
    public string FormattedElementIndex => ShapeUtil.Format(ElementMultiIndex.ToArray());

    /// <summary>Throws an <see cref="InvalidOperationException"/> carrying <see cref="ToString"/> unless the check
    /// passed; returns this result otherwise. PyTorch: <c>gradcheck(..., raise_exception=True)</c>.</summary>
    public GradCheckResult ThrowIfFailed() =>
        Passed ? this : throw new InvalidOperationException(ToString());

    /// <summary>
    /// A one-line account, e.g. <c>GradCheck failed for input 1 (shape [3, 4]) at element [2, 1]: analytical 0.5,
    /// numerical 0.25 (abs err 0.25, rel err 1) — tolerance atol 1e-05 + rtol 0.001 * |numerical|</c>.
    /// </summary>
    public override string ToString()
    {
        string tolerance = $"tolerance atol {N(Atol)} + rtol {N(Rtol)} * |numerical|";
        string notes = (Mode == GradCheckMode.Fast ? $"; fast mode (random directions, seed {Seed})" : "")
            + (PromotedToFloat64 ? "; float32 inputs were promoted to float64 for the check" : "");
        if (InputIndex < 0) return $"{Check} passed: nothing to compare (no input elements){notes}";
        string label = InputLabel.Length > 0 ? InputLabel + ", " : "";
        string where = $"input {InputIndex} ({label}shape {ShapeUtil.Format(InputShape.ToArray())})";
        where += Mode == GradCheckMode.Fast ? " along a random unit direction" : $" at element {FormattedElementIndex}{OutputPart()}";
        string values = Mode == GradCheckMode.Fast ? "vᵀJu analytical" : "analytical";
        string entry = $"{values} {V(Analytical)}, numerical {V(Numerical)} (abs err {N(AbsoluteError)}, rel err {N(RelativeError)})";
        if (Passed)
            return $"{Check} passed: {ComparedCount} {(Mode == GradCheckMode.Fast ? "directional derivatives" : "Jacobian entries")} " +
                   $"within tolerance; worst {where}: {entry} — {tolerance}{notes}";
        string hint = Mode == GradCheckMode.Fast ? "; rerun with GradCheckMode.Full to locate the wrong element" : "";
        return $"{Check} failed for {where}: {entry} — {tolerance}{notes}{hint}";
    }

    private string OutputPart()
    {
        if (Mode == GradCheckMode.Fast) return "";
        var shape = OutputShape.ToArray();
        int count = 1;
        foreach (int d in shape) count *= d;
        string element = count == 1 ? "" : $" element {ShapeUtil.Format(Unravel(OutputElementIndex, shape))}";
        if (OutputLabel.Length > 0) return $" for output {OutputIndex} ({OutputLabel}, shape {ShapeUtil.Format(shape)}){element}";
        return count == 1 ? "" : $" for output{element} (output shape {ShapeUtil.Format(shape)})";
    }

    private static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static string V(double v) => v.ToString("G10", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    internal static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 0) return index;
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}

/// <summary>One compared entry of a gradient check.</summary>
internal sealed record GradCheckEntry(int Input, string InputLabel, int[] InputShape, int Element, int Output, string OutputLabel, int[] OutputShape,
    int OutputElement, double Analytical, double Numerical);
