namespace AutoNet.Nn;

/// <summary>
/// Cross-entropy of logits against class indices (log-softmax and negative log-likelihood in one, stable for logits of
/// any size): ℓ = -(1 - ε)·w[y]·log softmax(x)[y] - ε/C·Σ_c w[c]·log softmax(x)[c] per target, reduced (Mean divides
/// by Σ w[y] over the targets not ignored, as PyTorch 1.13). Inputs [N, C], [N, C, d1, ...] or [C]; ε is the label
/// smoothing as PyTorch 1.10+ defines it, w the class weights, and a target equal to ignoreIndex adds nothing.
/// PyTorch: <c>torch.nn.CrossEntropyLoss(weight, ignore_index, reduction, label_smoothing)</c>.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target becomes (1 - ε)·onehot + ε/C (default 0).</param>
    /// <param name="weight">A [C] float tensor of class weights (not requiring grad), or null for 1 each.</param>
    /// <param name="ignoreIndex">The target value to skip (default -100).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    /// <exception cref="ArgumentException"><paramref name="weight"/> is not a 1-D float tensor, or requires grad.</exception>
    public CrossEntropyLoss(Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0, Tensor? weight = null, int ignoreIndex = -100)
        : base(reduction)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"CrossEntropyLoss: labelSmoothing must be in [0, 1], got {labelSmoothing}.");
        LabelSmoothing = labelSmoothing;
        Weight = NLLLoss.CheckedWeight("CrossEntropyLoss", weight);
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The label smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The class weights, or null. PyTorch: the <c>weight</c> buffer.</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value that is skipped. PyTorch: <c>ignore_index</c>.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The loss of logits against class indices: N of them for [N, C], N·d1·…·dK (row-major) for [N, C, d1, ...].</summary>
    /// <exception cref="ArgumentException">The target count does not fit the input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is neither a class index nor ignoreIndex.</exception>
    public Tensor Forward(Tensor input, int[] target) => F.CrossEntropy(input, target, Reduction, LabelSmoothing, Weight, IgnoreIndex);

    /// <summary>The loss against a tensor target: class indices (Int64, or whole numbers) of the target shape, or class
    /// probabilities of the input's shape.</summary>
    /// <exception cref="ArgumentException">The target is neither, or holds an invalid index.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.CrossEntropy(input, target, Reduction, LabelSmoothing, Weight, IgnoreIndex);

    /// <inheritdoc/>
    public override string ToString() =>
        $"CrossEntropyLoss(reduction={Reduction}, label_smoothing={PyRepr.Float(LabelSmoothing)}" +
        (IgnoreIndex != -100 ? $", ignore_index={IgnoreIndex}" : "") + ")";
}
