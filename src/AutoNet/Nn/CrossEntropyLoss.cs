namespace AutoNet.Nn;

/// <summary>
/// Cross-entropy of logits [N, C] against class indices (log-softmax and negative log-likelihood in one, stable for
/// logits of any size): ℓᵢ = -(1 - ε)·log softmax(xᵢ)[yᵢ] - ε/C·Σ_c log softmax(xᵢ)[c], reduced (Mean divides by N).
/// ε is the label smoothing as PyTorch 1.10+ defines it. PyTorch: <c>torch.nn.CrossEntropyLoss(reduction, label_smoothing)</c>.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target becomes (1 - ε)·onehot + ε/C (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CrossEntropyLoss(Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0) : base(reduction)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"CrossEntropyLoss: labelSmoothing must be in [0, 1], got {labelSmoothing}.");
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The label smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The loss of logits [N, C] against N class indices in [0, C).</summary>
    /// <exception cref="ArgumentException">The input is not [N, C] or the target count is not N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C).</exception>
    public Tensor Forward(Tensor input, int[] target) => F.CrossEntropy(input, target, Reduction, LabelSmoothing);

    /// <summary>The loss against a tensor target: class indices [N] as whole numbers, or class probabilities [N, C].</summary>
    /// <exception cref="ArgumentException">The target is neither, or holds an invalid index.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.CrossEntropy(input, target, Reduction, LabelSmoothing);

    /// <inheritdoc/>
    public override string ToString() => $"CrossEntropyLoss(reduction={Reduction}, label_smoothing={PyRepr.Float(LabelSmoothing)})";
}
