namespace AutoNet.Nn;

/// <summary>Applies x · σ(x) (the sigmoid linear unit, or swish) elementwise. PyTorch: <c>torch.nn.SiLU</c>.</summary>
public sealed class SiLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Silu(input);
}
