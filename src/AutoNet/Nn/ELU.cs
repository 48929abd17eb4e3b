namespace AutoNet.Nn;

/// <summary>
/// Applies the exponential linear unit elementwise: x where x &gt; 0, else α · (eˣ - 1) (gradient α at 0, as
/// PyTorch's). PyTorch: <c>torch.nn.ELU(alpha)</c>.
/// </summary>
/// <param name="alpha">α, a finite number (default 1).</param>
public sealed class ELU(double alpha = 1.0) : Module
{
    /// <summary>α, the value approached for x → -∞ is -α.</summary>
    public double Alpha { get; } = double.IsFinite(alpha) ? alpha
        : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"ELU: alpha must be a finite number, got {alpha}.");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Elu(input, Alpha);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"alpha={PyRepr.Float(Alpha)}";
}
