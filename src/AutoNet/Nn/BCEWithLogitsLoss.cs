namespace AutoNet.Nn;

/// <summary>
/// Binary cross-entropy on logits, fusing the sigmoid into the loss so that it is finite and accurate for any
/// finite logit: ℓ = (1 - y)·x + (1 + (pw - 1)·y)·(log(1 + e^(-|x|)) + max(-x, 0)), optionally times a weight,
/// then reduced. Targets must lie in [0, 1]. PyTorch: <c>torch.nn.BCEWithLogitsLoss(weight, reduction, pos_weight)</c>.
/// </summary>
/// <param name="reduction">Mean (default), Sum or None.</param>
/// <param name="posWeight">Weight of positive examples, broadcast to the input (typically one per class, shape [C]); null for 1.</param>
/// <param name="weight">Rescaling weight of each element, broadcast to the input; null for 1.</param>
public sealed class BCEWithLogitsLoss(Reduction reduction = Reduction.Mean, Tensor? posWeight = null, Tensor? weight = null) : Loss(reduction)
{
    /// <summary>The positive-class weight, or null.</summary>
    public Tensor? PosWeight { get; } = posWeight;

    /// <summary>The per-element weight, or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Shapes or dtypes differ, a target lies outside [0, 1], or a weight cannot be broadcast.</exception>
    public override Tensor Forward(Tensor input, Tensor target) =>
        F.BinaryCrossEntropyWithLogits(input, target, Reduction, PosWeight, Weight);
}
