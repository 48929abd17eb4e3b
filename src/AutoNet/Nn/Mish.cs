namespace AutoNet.Nn;

/// <summary>Applies x · tanh(softplus(x)) elementwise. PyTorch: <c>torch.nn.Mish</c>.</summary>
public sealed class Mish : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Mish(input);
}
