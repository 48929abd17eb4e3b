using System.Globalization;

namespace AutoNet.Internal;

/// <summary>
/// Argument checks shared by the losses, each message naming the loss, what it received and what it expected.
/// </summary>
internal static class LossChecks
{
    /// <summary>Input and target must have the same shape (AutoNet does not broadcast a loss's target).</summary>
    public static void SameShape(string loss, Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (!input.ShapeArray.AsSpan().SequenceEqual(target.ShapeArray))
            throw new ArgumentException(
                $"{loss}: input shape {ShapeUtil.Format(input.ShapeArray)} and target shape {ShapeUtil.Format(target.ShapeArray)} differ; " +
                $"expected a target of shape {ShapeUtil.Format(input.ShapeArray)}.");
    }

    /// <summary>Every target value must be a probability in [0, 1] (NaN is refused too).</summary>
    public static void Probabilities(string loss, Tensor target)
    {
        for (int i = 0; i < target.Count; i++)
        {
            double v = target.GetFlat(i);
            if (!(v >= 0 && v <= 1))
                throw new ArgumentException(
                    $"{loss}: every target value must be in [0, 1], got {Format(v)} at flat index {i} (target shape {ShapeUtil.Format(target.ShapeArray)}).");
        }
    }

    /// <summary>
    /// Class-index targets for an input of shape [N, C]: N indices, each in [0, C). Returns C.
    /// </summary>
    public static int ClassIndices(string loss, Tensor input, int[] target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (input.Rank != 2)
            throw new ArgumentException(
                $"{loss}: expected input of shape [N, C] (a batch of N rows of C class scores), got shape {ShapeUtil.Format(input.ShapeArray)}.");
        int n = input.ShapeArray[0], c = input.ShapeArray[1];
        if (target.Length != n)
            throw new ArgumentException(
                $"{loss}: input has {n} rows (shape {ShapeUtil.Format(input.ShapeArray)}) but {target.Length} class indices were given; expected one per row.");
        for (int i = 0; i < n; i++)
            if (target[i] < 0 || target[i] >= c)
                throw new ArgumentOutOfRangeException(nameof(target), target[i],
                    $"{loss}: target[{i}] = {target[i]} is not a class index for {c} classes; expected 0 <= target < {c}.");
        return c;
    }

    /// <summary>Reads a 1-D tensor of class indices stored as whole numbers (PyTorch would hold them as int64).</summary>
    public static int[] ClassIndices(string loss, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Rank != 1)
            throw new ArgumentException(
                $"{loss}: expected class-index targets of shape [N], got shape {ShapeUtil.Format(target.ShapeArray)}.");
        var result = new int[target.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double v = target.GetFlat(i);
            if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
                throw new ArgumentException(
                    $"{loss}: target[{i}] = {Format(v)} is not a class index; expected whole numbers (or pass an int[]).");
            result[i] = (int)v;
        }
        return result;
    }

    /// <summary>Both tensors must have the same dtype (the fused losses do not convert).</summary>
    public static void SameDType(string loss, Tensor input, Tensor target)
    {
        if (input.DType != target.DType)
            throw new ArgumentException(
                $"{loss}: input is {input.DType.Name()} but target is {target.DType.Name()}; expected the same dtype (convert with .To(DType)).");
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
