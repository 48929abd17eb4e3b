namespace AutoNet.Nn;

/// <summary>
/// Binary cross-entropy on probabilities (the output of a sigmoid), each log clamped at -100 as PyTorch does.
/// PyTorch: <c>torch.nn.BCELoss</c>.
/// </summary>
/// <param name="reduction">Mean (default), Sum or None.</param>
public sealed class BCELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.BinaryCrossEntropy(input, target, Reduction);
}
