namespace AutoNet.Nn;

/// <summary>Returns its input unchanged (the same tensor), a placeholder layer. PyTorch: <c>torch.nn.Identity</c>.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input;
}
