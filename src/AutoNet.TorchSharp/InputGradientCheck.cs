namespace AutoNet.TorchSharp;

/// <summary>
/// The three comparisons of one input's gradient in a <see cref="GradientCheck"/>.ThreeWay check: AutoNet's backward
/// against finite differences, against PyTorch, and against the hand-written gradient (when one was given), with a
/// one-line verdict on what the pattern of agreements means.
/// </summary>
public sealed class InputGradientCheck
{
    internal InputGradientCheck(int index, ParityComparison finiteDifferences, ParityComparison? pyTorch, ParityComparison? handWritten,
        bool forwardMatches)
    {
        Index = index;
        FiniteDifferences = finiteDifferences;
        PyTorch = pyTorch;
        HandWritten = handWritten;
        Verdict = Judge(forwardMatches);
    }

    /// <summary>The input's position.</summary>
    public int Index { get; }

    /// <summary>AutoNet's gradient against central finite differences of AutoNet's own forward (in float64).</summary>
    public ParityComparison FiniteDifferences { get; }

    /// <summary>AutoNet's gradient against PyTorch's; null when the outputs could not be compared (their shapes or
    /// dtypes differ, so no common output gradient exists).</summary>
    public ParityComparison? PyTorch { get; }

    /// <summary>AutoNet's gradient against the hand-written one; null when no hand-written gradient was given.</summary>
    public ParityComparison? HandWritten { get; }

    /// <summary>Every comparison made for this input: finite differences, then PyTorch, then hand-written.</summary>
    public IEnumerable<ParityComparison> Comparisons =>
        new[] { FiniteDifferences, PyTorch, HandWritten }.Where(c => c is not null)!;

    /// <summary>True when every comparison made for this input passed (a missing PyTorch comparison fails).</summary>
    public bool Passed => FiniteDifferences.Passed && PyTorch is { Passed: true } && HandWritten?.Passed != false;

    /// <summary>What the agreements and disagreements mean, in one sentence (e.g. that the backward is wrong, or that
    /// it is consistent with a forward that is not PyTorch's).</summary>
    public string Verdict { get; }

    private string Judge(bool forwardMatches)
    {
        bool fd = FiniteDifferences.Passed;
        bool? torch = PyTorch?.Passed;
        bool? hand = HandWritten?.Passed;
        string handNote = hand switch
        {
            false => "; the hand-written gradient disagrees too",
            true => "; the hand-written gradient agrees with AutoNet's",
            null => "",
        };
        if (torch is null)
            return (fd ? "consistent with AutoNet's forward" : "AutoNet's backward disagrees with finite differences of its own forward") +
                   ", but PyTorch's gradient could not be compared because the outputs differ in shape or dtype" + handNote;
        if (fd && torch == true)
            return hand == false
                ? "AutoNet's backward agrees with finite differences and with PyTorch; the hand-written gradient does not, so the hand-written formula is the suspect"
                : "AutoNet's backward agrees with every reference";
        if (!fd && torch == false)
            return "AutoNet's backward is wrong: it disagrees with both finite differences and PyTorch" + handNote;
        if (fd)
            return forwardMatches
                ? "AutoNet's backward is consistent with its forward but differs from PyTorch's gradient: a different convention at a kink, clamp or tie, or a tolerance too tight" + handNote
                : "AutoNet's backward is consistent with its own forward, but that forward is not PyTorch's (see the forward line): " +
                  "fix the forward, which finite differences alone would have passed" + handNote;
        return "PyTorch agrees but finite differences do not: the point is not smooth (kink, clamp, tie) or ε does not suit the function; " +
               "there finite differences are the approximate reference" + handNote;
    }
}
