using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// One-hot encoding: an Int64 tensor of class indices of shape [*] gives an Int64 tensor of shape [*, numClasses]
    /// with a 1 at each index and 0 elsewhere. PyTorch: <c>F.one_hot(tensor, num_classes=-1)</c>. Computed as
    /// <c>indices.Unsqueeze(-1).Eq(Arange(numClasses))</c>, so it has no gradient (nor does torch's).
    /// </summary>
    /// <param name="indices">Int64 class indices, each in [0, numClasses).</param>
    /// <param name="numClasses">The number of classes; -1 (the default) takes the largest index plus one, as torch.</param>
    /// <exception cref="ArgumentException">The indices are not Int64, an index is negative or not below
    /// <paramref name="numClasses"/>, or numClasses is -1 for an empty tensor.</exception>
    public static Tensor OneHot(Tensor indices, int numClasses = -1)
    {
        ArgumentNullException.ThrowIfNull(indices);
        const string op = "OneHot";
        if (indices.DType != DType.Int64)
            throw new ArgumentException($"{op}: expected an Int64 tensor of class indices, got {indices.DType.Name()} (shape {ShapeUtil.Format(indices.ShapeArray)}); convert it with To(DType.Int64).", nameof(indices));
        if (numClasses < -1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"{op}: numClasses must be -1 (infer) or >= 0, got {numClasses}.");
        long min = 0, max = -1;
        if (indices.Count > 0) (min, max) = (indices.Min().ItemInt64(), indices.Max().ItemInt64());
        if (numClasses == -1)
        {
            if (indices.Count == 0)
                throw new ArgumentException($"{op}: cannot infer the number of classes from an empty tensor (shape {ShapeUtil.Format(indices.ShapeArray)}); pass numClasses.", nameof(indices));
            numClasses = checked((int)(max + 1));
        }
        if (min < 0 || max >= numClasses)
            throw new ArgumentException(
                $"{op}: class indices must lie in [0, {numClasses - 1}] for {numClasses} classes, got values from {min} to {max}.", nameof(indices));
        return indices.Unsqueeze(-1).Eq(Tensor.Arange(numClasses, DType.Int64)).To(DType.Int64);
    }
}
