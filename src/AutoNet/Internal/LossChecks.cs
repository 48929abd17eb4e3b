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

    /// <summary>Both tensors must have the same dtype (the fused losses do not convert).</summary>
    public static void SameDType(string loss, Tensor input, Tensor target)
    {
        if (input.DType != target.DType)
            throw new ArgumentException(
                $"{loss}: input is {input.DType.Name()} but target is {target.DType.Name()}; expected the same dtype (convert with .To(DType)).");
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
