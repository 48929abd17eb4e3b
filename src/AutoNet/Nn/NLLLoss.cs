namespace AutoNet.Nn;

/// <summary>
/// Negative log-likelihood of log-probabilities [N, C] (e.g. the output of <see cref="LogSoftmax"/> over dim 1) at
/// class indices: ℓᵢ = -input[i, yᵢ], reduced (Mean divides by N). PyTorch: <c>torch.nn.NLLLoss(reduction)</c>.
/// </summary>
/// <param name="reduction">Mean (default), Sum or None.</param>
public sealed class NLLLoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The loss of log-probabilities [N, C] against N class indices in [0, C).</summary>
    /// <exception cref="ArgumentException">The input is not [N, C] or the target count is not N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C).</exception>
    public Tensor Forward(Tensor input, int[] target) => F.NllLoss(input, target, Reduction);

    /// <summary>The loss against class indices held as whole numbers in a [N] tensor.</summary>
    /// <exception cref="ArgumentException">A target value is not a whole number, or the shapes do not fit.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.NllLoss(input, target, Reduction);
}
