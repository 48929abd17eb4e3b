using System.Globalization;

namespace AutoNet.Internal;

/// <summary>
/// The class-index targets of CrossEntropy and NLLLoss, checked against the input, in PyTorch's layouts: input [N, C]
/// with target [N]; input [N, C, d1, ..., dK] with target [N, d1, ..., dK]; unbatched input [C] with a 0-d target.
/// The input is seen as [N, C, S] (S = d1·…·dK, 1 without spatial dims); <see cref="Flat"/> holds the N·S targets in
/// row-major order, an ignored target (equal to ignoreIndex) included as it is.
/// </summary>
internal sealed class ClassTargets
{
    private ClassTargets(int[] flat, int n, int c, int s, int[] shape, int ignoreIndex, double[]? weight)
    {
        (Flat, N, C, S, Shape, IgnoreIndex, Weight) = (flat, n, c, s, shape, ignoreIndex, weight);
        for (int i = 0; i < flat.Length; i++)
        {
            if (flat[i] == ignoreIndex) continue;
            Counted++;
            TotalWeight += weight is null ? 1.0 : weight[flat[i]];
        }
    }

    /// <summary>The targets, N·S of them, row-major over [N, d1, ..., dK].</summary>
    public int[] Flat { get; }

    /// <summary>Batch size (1 for an unbatched input), classes, and the product of the spatial dims (1 if none).</summary>
    public int N { get; }

    /// <inheritdoc cref="N"/>
    public int C { get; }

    /// <inheritdoc cref="N"/>
    public int S { get; }

    /// <summary>The target's shape, [N, d1, ..., dK], or [] for an unbatched input: the shape of an unreduced loss.</summary>
    public int[] Shape { get; }

    /// <summary>The target value whose entries are skipped (no loss, no gradient, no weight in the mean).</summary>
    public int IgnoreIndex { get; }

    /// <summary>The class weights (C of them), or null for 1 each.</summary>
    public double[]? Weight { get; }

    /// <summary>How many targets are not ignored.</summary>
    public int Counted { get; }

    /// <summary>Σ weight[target] over the targets not ignored: what PyTorch's mean divides by (their count without weights).</summary>
    public double TotalWeight { get; }

    /// <summary>The index of the class dim in the input: 0 for an unbatched [C] input, else 1.</summary>
    public int ClassDim => Shape.Length == 0 ? 0 : 1;

    /// <summary>Targets given as an int[] of N·S class indices, row-major (for [N, C], one per row).</summary>
    public static ClassTargets FromInts(string loss, Tensor input, int[] target, Tensor? weight, int ignoreIndex)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (n, c, s, shape) = Layout(loss, input);
        if (target.Length != n * s)
            throw new ArgumentException(input.Rank == 2
                ? $"{loss}: input has {n} rows (shape {ShapeUtil.Format(input.ShapeArray)}) but {target.Length} class indices were given; expected one per row."
                : $"{loss}: input of shape {ShapeUtil.Format(input.ShapeArray)} takes {n * s} class indices (a target of shape {ShapeUtil.Format(shape)}, row-major), got {target.Length}.");
        return Checked(loss, (int[])target.Clone(), n, c, s, shape, weight, ignoreIndex);
    }

    /// <summary>Targets given as a tensor of the target shape: Int64, or whole numbers in a float tensor.</summary>
    public static ClassTargets FromTensor(string loss, Tensor input, Tensor target, Tensor? weight, int ignoreIndex)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (n, c, s, shape) = Layout(loss, input);
        if (target.DType == DType.Bool)
            throw new ArgumentException($"{loss}: target is a bool tensor; expected class indices (int64) of shape {ShapeUtil.Format(shape)}.");
        if (!target.ShapeArray.AsSpan().SequenceEqual(shape))
            throw new ArgumentException(
                $"{loss}: input of shape {ShapeUtil.Format(input.ShapeArray)} takes class-index targets of shape {ShapeUtil.Format(shape)}, got shape {ShapeUtil.Format(target.ShapeArray)}.");
        var flat = new int[target.Count];
        for (int i = 0; i < flat.Length; i++)
        {
            double v = target.GetFlat(i);
            if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
                throw new ArgumentException(
                    $"{loss}: target{Position(shape, i)} = {Format(v)} is not a class index; expected whole numbers (an int64 tensor or an int[]).");
            flat[i] = (int)v;
        }
        return Checked(loss, flat, n, c, s, shape, weight, ignoreIndex);
    }

    /// <summary>The class weights as doubles, checked: a 1-D floating tensor of C elements.</summary>
    public static double[]? Weights(string loss, Tensor? weight, int c)
    {
        if (weight is null) return null;
        if (weight.RequiresGrad)
            throw new ArgumentException(
                $"{loss}: weight requires grad, but the loss is not differentiable with respect to its class weights (as in PyTorch); pass weight.Detach().");
        if (!weight.DType.IsFloatingPoint() || weight.Rank != 1 || weight.Count != c)
            throw new ArgumentException(
                $"{loss}: weight must be a float tensor of shape [{c}] (one weight per class), got a {weight.DType.Name()} tensor of shape {ShapeUtil.Format(weight.ShapeArray)}.");
        return weight.ToArray();
    }

    /// <summary>N, C, S and the target shape for an input of the given shape.</summary>
    public static (int N, int C, int S, int[] Shape) Layout(string loss, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0)
            throw new ArgumentException($"{loss}: expected input of shape [C], [N, C] or [N, C, d1, ...] (class scores), got a 0-d tensor.");
        var d = input.ShapeArray;
        if (d.Length == 1) return (1, d[0], 1, []);
        int s = 1;
        for (int k = 2; k < d.Length; k++) s *= d[k];
        return (d[0], d[1], s, [d[0], .. d[2..]]);
    }

    private static ClassTargets Checked(string loss, int[] flat, int n, int c, int s, int[] shape, Tensor? weight, int ignoreIndex)
    {
        for (int i = 0; i < flat.Length; i++)
            if (flat[i] != ignoreIndex && (flat[i] < 0 || flat[i] >= c))
                throw new ArgumentOutOfRangeException("target", flat[i],
                    $"{loss}: target{Position(shape, i)} = {flat[i]} is not a class index for {c} classes; expected 0 <= target < {c}. " +
                    $"(ignoreIndex {ignoreIndex} marks a target to skip.)");
        return new ClassTargets(flat, n, c, s, shape, ignoreIndex, Weights(loss, weight, c));
    }

    /// <summary>"[3]" for a 1-D target, "[1, 0, 2]" for a K-dim one, "" for a 0-d one.</summary>
    private static string Position(int[] shape, int flat)
    {
        if (shape.Length == 0) return "";
        var index = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--) { index[k] = flat % shape[k]; flat /= shape[k]; }
        return "[" + string.Join(", ", index) + "]";
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
