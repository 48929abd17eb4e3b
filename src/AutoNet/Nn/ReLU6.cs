namespace AutoNet.Nn;

/// <summary>
/// Applies min(max(x, 0), 6) elementwise (gradient 0 at 0 and at 6, as PyTorch's, which is Hardtanh(0, 6)).
/// PyTorch: <c>torch.nn.ReLU6</c>.
/// </summary>
public sealed class ReLU6 : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Relu6(input);
}
