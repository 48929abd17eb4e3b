namespace AutoNet.Nn;

/// <summary>Applies x / (1 + |x|) elementwise. PyTorch: <c>torch.nn.Softsign</c>.</summary>
public sealed class Softsign : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Softsign(input);
}
