namespace AutoNet.Nn;

/// <summary>
/// Applies x where x &gt; 0, else negativeSlope · x, elementwise (the gradient at 0 is negativeSlope, as PyTorch's).
/// PyTorch: <c>torch.nn.LeakyReLU</c>.
/// </summary>
/// <param name="negativeSlope">The slope for negative inputs (default 0.01).</param>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = double.IsFinite(negativeSlope) ? negativeSlope
        : throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, $"LeakyReLU: negativeSlope must be a finite number, got {negativeSlope}.");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LeakyRelu(input, NegativeSlope);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"negative_slope={PyRepr.Float(NegativeSlope)}";
}
