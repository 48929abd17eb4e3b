using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// In training mode zeroes each element with probability <see cref="P"/> and scales the others by 1/(1 - p), so
/// the expected output equals the input; in evaluation mode (<see cref="Module.Eval"/>) returns the input as it is.
/// The mask is drawn from a <see cref="NumPyRandomState"/>, so a seeded generator reproduces it
/// (see <see cref="F.Dropout"/>). PyTorch: <c>torch.nn.Dropout(p)</c> (same scaling; a different random stream).
/// </summary>
public sealed class Dropout : Module
{
    private readonly NumPyRandomState? _generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">Probability of zeroing an element, in [0, 1] (default 0.5).</param>
    /// <param name="generator">Random source for the masks; default <see cref="Init.Generator"/> at each call.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public Dropout(double p = 0.5, NumPyRandomState? generator = null)
    {
        F.CheckDropoutProbability(p);
        P = p;
        _generator = generator;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Dropout(input, P, Training, _generator);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={PyRepr.Float(P)}, inplace=False";
}
