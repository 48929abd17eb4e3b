namespace AutoNet.Nn;

/// <summary>
/// Applies the scaled exponential linear unit elementwise: λ · x where x &gt; 0, else λ · α · (eˣ - 1), with PyTorch's
/// fixed α ≈ 1.6733 and λ ≈ 1.0507. PyTorch: <c>torch.nn.SELU</c>.
/// </summary>
public sealed class SELU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Selu(input);
}
