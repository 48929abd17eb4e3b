using AutoNet.Internal;

namespace AutoNet;

// The class losses, CrossEntropy and NllLoss, in PyTorch 1.13's layouts and reduction rules.
public static partial class F
{
    /// <summary>
    /// Cross-entropy of logits against class indices: ℓ = -(1 - ε)·w[y]·log softmax(x)[y] - ε/C·Σ_c w[c]·log softmax(x)[c]
    /// per target, with label smoothing ε and class weights w (1 each by default); a target equal to
    /// <paramref name="ignoreIndex"/> adds nothing. Mean divides both terms by Σ w[y] over the targets not ignored
    /// (NaN if all are ignored), as PyTorch 1.13. Input [N, C] with N targets, [N, C, d1, ..., dK] with N·d1·…·dK
    /// targets in row-major order, or [C] with one target (then <see cref="Reduction.None"/> gives a 0-d loss).
    /// PyTorch: <c>F.cross_entropy(input, target, weight, ignore_index=-100, reduction, label_smoothing)</c>.
    /// </summary>
    /// <param name="input">Logits: [N, C], [N, C, d1, ...] or [C].</param>
    /// <param name="target">Class indices in [0, C), or <paramref name="ignoreIndex"/>.</param>
    /// <param name="reduction">Mean (default), Sum or None (the loss per target, of the target's shape).</param>
    /// <param name="labelSmoothing">ε in [0, 1] (default 0).</param>
    /// <param name="weight">A [C] float tensor of class weights that does not require grad, or null.</param>
    /// <param name="ignoreIndex">The target value to skip (default -100).</param>
    /// <exception cref="ArgumentException">The input is 0-d, the target count does not fit the input, or the weight is not [C].</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is neither a class index nor ignoreIndex, or ε is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor input, int[] target, Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0,
        Tensor? weight = null, int ignoreIndex = -100)
    {
        const string loss = "CrossEntropyLoss";
        CheckClassLoss(loss, reduction, labelSmoothing);
        return CrossEntropyClasses(input, ClassTargets.FromInts(loss, input, target, weight, ignoreIndex), reduction, labelSmoothing);
    }

    /// <summary>
    /// Cross-entropy with a tensor target: class indices (an Int64 tensor, or whole numbers in a float tensor) of the
    /// target shape ([N], [N, d1, ...], or 0-d for a [C] input), as the int[] overload; or class probabilities of the
    /// input's shape, float: ℓ = -Σ_c w[c]·t'[c]·log softmax(x)[c] with t' = (1 - ε)·t + ε/C, Mean dividing by the
    /// number of targets (N·d1·…·dK), as PyTorch. <paramref name="ignoreIndex"/> must stay negative for probabilities.
    /// PyTorch: <c>F.cross_entropy</c> with an int64 or a float target.
    /// </summary>
    /// <exception cref="ArgumentException">The target fits neither form, or ignoreIndex ≥ 0 with probabilities.</exception>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0,
        Tensor? weight = null, int ignoreIndex = -100)
    {
        const string loss = "CrossEntropyLoss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckClassLoss(loss, reduction, labelSmoothing);
        if (!target.DType.IsFloatingPoint() || target.Rank != input.Rank)
            return CrossEntropyClasses(input, ClassTargets.FromTensor(loss, input, target, weight, ignoreIndex), reduction, labelSmoothing);
        return CrossEntropyProbabilities(input, target, reduction, labelSmoothing, weight, ignoreIndex);
    }

    /// <summary>
    /// Negative log-likelihood of log-probabilities at class indices: ℓ = -w[y]·x[y] per target (0 for a target equal
    /// to <paramref name="ignoreIndex"/>); Mean divides by Σ w[y] over the targets not ignored (NaN if all are
    /// ignored), as PyTorch 1.13. Layouts as <see cref="CrossEntropy(Tensor, int[], Reduction, double, Tensor?, int)"/>.
    /// PyTorch: <c>F.nll_loss(input, target, weight, ignore_index=-100, reduction)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The input is 0-d, the target count does not fit the input, or the weight is not [C].</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is neither a class index nor ignoreIndex.</exception>
    public static Tensor NllLoss(Tensor input, int[] target, Reduction reduction = Reduction.Mean, Tensor? weight = null, int ignoreIndex = -100)
    {
        const string loss = "NLLLoss";
        CheckClassLoss(loss, reduction, 0);
        return Nll(input, ClassTargets.FromInts(loss, input, target, weight, ignoreIndex), reduction);
    }

    /// <summary>NLL with class indices in a tensor of the target shape: Int64, or whole numbers in a float tensor.
    /// PyTorch: <c>F.nll_loss</c>.</summary>
    /// <exception cref="ArgumentException">The target's shape does not fit the input, or a value is not a whole number.</exception>
    public static Tensor NllLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, Tensor? weight = null, int ignoreIndex = -100)
    {
        const string loss = "NLLLoss";
        CheckClassLoss(loss, reduction, 0);
        return Nll(input, ClassTargets.FromTensor(loss, input, target, weight, ignoreIndex), reduction);
    }

    private static Tensor Nll(Tensor input, ClassTargets t, Reduction reduction)
    {
        var loss = Ops.NllLoss.Forward(input.Reshape(t.N, t.C, t.S), t, reduction);
        return reduction == Reduction.None ? loss.Reshape(t.Shape) : loss;
    }

    private static Tensor CrossEntropyClasses(Tensor input, ClassTargets t, Reduction reduction, double labelSmoothing)
    {
        var logp = input.LogSoftmax(t.ClassDim).Reshape(t.N, t.C, t.S);
        var nll = Ops.NllLoss.Forward(logp, t, reduction);
        if (reduction == Reduction.None) nll = nll.Reshape(t.Shape);
        if (labelSmoothing == 0) return nll;
        // PyTorch's cross_entropy_loss_label_smoothing: -Σ_c w[c]·log p[c] per target, 0 where ignored, and the mean
        // divides by the same Σ w[y] as the NLL term.
        var perTarget = -(t.Weight is null ? logp : logp * Tensor.From(t.Weight, 1, t.C, 1).To(input.DType)).Sum(1);
        if (t.Counted < t.Flat.Length) perTarget *= IgnoreMask(t, input.DType);
        var smooth = reduction switch
        {
            Reduction.None => perTarget.Reshape(t.Shape),
            Reduction.Sum => perTarget.Sum(),
            // Every target ignored: NaN as PyTorch, with a zero gradient (its masked_fill passes none back).
            _ => t.Counted == 0 ? perTarget.Sum() * 0.0 + double.NaN : perTarget.Sum() / t.TotalWeight,
        };
        return (1 - labelSmoothing) * nll + smooth * (labelSmoothing / t.C);
    }

    private static Tensor CrossEntropyProbabilities(Tensor input, Tensor target, Reduction reduction, double labelSmoothing,
        Tensor? weight, int ignoreIndex)
    {
        const string loss = "CrossEntropyLoss";
        LossChecks.SameShape(loss, input, target);
        if (ignoreIndex >= 0)
            throw new ArgumentException(
                $"{loss}: ignoreIndex {ignoreIndex} does not apply to class-probability targets (as in PyTorch); leave it negative, or pass class indices.",
                nameof(ignoreIndex));
        var (_, c, _, _) = ClassTargets.Layout(loss, input);
        int classDim = input.Rank == 1 ? 0 : 1;
        var t = labelSmoothing == 0 ? target : target * (1 - labelSmoothing) + labelSmoothing / c;
        var product = input.LogSoftmax(classDim) * t;
        if (ClassTargets.Weights(loss, weight, c) is { } w)
        {
            var shape = Enumerable.Repeat(1, input.Rank - classDim).ToArray();
            shape[0] = c;
            product *= Tensor.From(w, shape).To(input.DType);
        }
        return reduction switch
        {
            Reduction.Mean => -product.Sum() / (input.Count / Math.Max(c, 1)),
            Reduction.Sum => -product.Sum(),
            _ => -product.Sum(classDim),
        };
    }

    /// <summary>1 where the target is counted, 0 where it is ignored, as [N, S].</summary>
    private static Tensor IgnoreMask(ClassTargets t, DType dtype)
    {
        var mask = new double[t.Flat.Length];
        for (int i = 0; i < mask.Length; i++) mask[i] = t.Flat[i] == t.IgnoreIndex ? 0 : 1;
        return Tensor.From(mask, t.N, t.S).To(dtype);
    }

    private static void CheckClassLoss(string loss, Reduction reduction, double labelSmoothing)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"{loss}: reduction must be Mean, Sum or None.");
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"{loss}: labelSmoothing must be in [0, 1], got {labelSmoothing}.");
    }
}
