using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// Binary cross-entropy of logits x against targets y in [0, 1], computed stably for any finite x:
    /// ℓ = (1 - y)·x + (1 + (pw - 1)·y)·(log(1 + e^(-|x|)) + max(-x, 0)), then multiplied by <paramref name="weight"/>
    /// if given, then reduced. PyTorch: <c>F.binary_cross_entropy_with_logits(input, target, weight, pos_weight=...)</c>.
    /// </summary>
    /// <param name="input">Logits, any shape.</param>
    /// <param name="target">Targets of the input's shape and dtype, each in [0, 1].</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="posWeight">Weight of the positive class, broadcast to the input's shape (typically [C]); null for 1.</param>
    /// <param name="weight">Rescaling weight of each element, broadcast to the input's shape; null for 1.</param>
    /// <exception cref="ArgumentException">Shapes or dtypes differ, a target lies outside [0, 1], or a weight cannot be broadcast.</exception>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Reduction reduction = Reduction.Mean,
        Tensor? posWeight = null, Tensor? weight = null)
    {
        const string loss = "BCEWithLogitsLoss";
        LossChecks.SameShape(loss, input, target);
        LossChecks.SameDType(loss, input, target);
        LossChecks.Probabilities(loss, target);
        if (posWeight is not null)
        {
            if (!ShapeUtil.BroadcastsTo(posWeight.ShapeArray, input.ShapeArray))
                throw new ArgumentException(
                    $"{loss}: posWeight of shape {ShapeUtil.Format(posWeight.ShapeArray)} cannot be broadcast to the input shape {ShapeUtil.Format(input.ShapeArray)}; " +
                    "expected one weight per class (the last dim) or a shape that broadcasts.");
            if (posWeight.DType != input.DType) posWeight = posWeight.To(input.DType);
        }
        if (weight is not null && !ShapeUtil.BroadcastsTo(weight.ShapeArray, input.ShapeArray))
            throw new ArgumentException(
                $"{loss}: weight of shape {ShapeUtil.Format(weight.ShapeArray)} cannot be broadcast to the input shape {ShapeUtil.Format(input.ShapeArray)}.");
        var elementwise = Ops.BinaryCrossEntropyWithLogits.Forward(input, target, posWeight);
        if (weight is not null) elementwise *= weight.DType == input.DType ? weight : weight.To(input.DType);
        return Reduce(elementwise, reduction);
    }

    /// <summary>Mean squared error (x - y)², reduced. PyTorch: <c>F.mse_loss</c> (without its broadcasting).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossChecks.SameShape("MSELoss", input, target);
        var d = input - target;
        return Reduce(d * d, reduction);
    }

    /// <summary>Mean absolute error |x - y|, reduced (gradient sign(x - y), 0 at a tie). PyTorch: <c>F.l1_loss</c>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossChecks.SameShape("L1Loss", input, target);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// Huber loss: ½d² where |d| &lt; δ, else δ(|d| - ½δ), with d = x - y; reduced. Computed as ½c² + δ(|d| - c) with
    /// c = min(|d|, δ), which has PyTorch's gradient (δ·sign(d) on and beyond the boundary). PyTorch: <c>F.huber_loss</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not a positive number.</exception>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"HuberLoss: delta must be a positive number, got {delta}.");
        LossChecks.SameShape("HuberLoss", input, target);
        var a = (input - target).Abs();
        var c = a.Clamp(0, delta);
        return Reduce(0.5 * c * c + delta * (a - c), reduction);
    }
}
