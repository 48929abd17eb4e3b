namespace AutoNet.Nn;

/// <summary>
/// Negative log-likelihood of log-probabilities (e.g. the output of <see cref="LogSoftmax"/> over the class dim) at
/// class indices: ℓ = -w[y]·x[y] per target, 0 for a target equal to ignoreIndex, reduced (Mean divides by Σ w[y] over
/// the targets not ignored, as PyTorch 1.13). Inputs [N, C], [N, C, d1, ...] or [C].
/// PyTorch: <c>torch.nn.NLLLoss(weight, ignore_index, reduction)</c>.
/// </summary>
public sealed class NLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="weight">A [C] float tensor of class weights (not requiring grad), or null for 1 each.</param>
    /// <param name="ignoreIndex">The target value to skip (default -100).</param>
    /// <exception cref="ArgumentException"><paramref name="weight"/> is not a 1-D float tensor, or requires grad.</exception>
    public NLLLoss(Reduction reduction = Reduction.Mean, Tensor? weight = null, int ignoreIndex = -100) : base(reduction)
    {
        Weight = CheckedWeight("NLLLoss", weight);
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The class weights, or null. PyTorch: the <c>weight</c> buffer.</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value that is skipped. PyTorch: <c>ignore_index</c>.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The loss against class indices: N of them for [N, C], N·d1·…·dK (row-major) for [N, C, d1, ...].</summary>
    /// <exception cref="ArgumentException">The target count does not fit the input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is neither a class index nor ignoreIndex.</exception>
    public Tensor Forward(Tensor input, int[] target) => F.NllLoss(input, target, Reduction, Weight, IgnoreIndex);

    /// <summary>The loss against class indices in a tensor of the target shape (Int64, or whole numbers).</summary>
    /// <exception cref="ArgumentException">A target value is not a whole number, or the shapes do not fit.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.NllLoss(input, target, Reduction, Weight, IgnoreIndex);

    /// <summary>A class-weight tensor checked when the loss is built (its length is checked against C at each call).</summary>
    internal static Tensor? CheckedWeight(string loss, Tensor? weight)
    {
        if (weight is null) return null;
        if (!weight.DType.IsFloatingPoint() || weight.Rank != 1 || weight.RequiresGrad)
            throw new ArgumentException(
                $"{loss}: weight must be a 1-D float tensor of class weights that does not require grad, got a {weight.DType.Name()} tensor of shape " +
                $"[{string.Join(", ", weight.ShapeArray)}]{(weight.RequiresGrad ? " that requires grad" : "")}.", nameof(weight));
        return weight;
    }
}
