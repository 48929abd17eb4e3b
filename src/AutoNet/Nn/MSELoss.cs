namespace AutoNet.Nn;

/// <summary>
/// Mean squared error: ℓ = (x - y)², reduced. Input and target must have the same shape (PyTorch broadcasts
/// with a warning; AutoNet refuses). PyTorch: <c>torch.nn.MSELoss</c>.
/// </summary>
/// <param name="reduction">Mean (default), Sum or None.</param>
public sealed class MSELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.MseLoss(input, target, Reduction);
}
