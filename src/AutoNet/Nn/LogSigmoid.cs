namespace AutoNet.Nn;

/// <summary>Applies log σ(x) = -softplus(-x) elementwise, computed stably. PyTorch: <c>torch.nn.LogSigmoid</c>.</summary>
public sealed class LogSigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LogSigmoid(input);
}
