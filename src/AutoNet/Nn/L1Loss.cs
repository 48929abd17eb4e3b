namespace AutoNet.Nn;

/// <summary>
/// Mean absolute error: ℓ = |x - y|, reduced; the gradient is sign(x - y), 0 at a tie. Input and target must have
/// the same shape. PyTorch: <c>torch.nn.L1Loss</c>.
/// </summary>
/// <param name="reduction">Mean (default), Sum or None.</param>
public sealed class L1Loss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.L1Loss(input, target, Reduction);
}
