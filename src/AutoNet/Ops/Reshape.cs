using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x viewed with another shape of the same element count (no copy: storage is shared, row-major order kept).
/// The Jacobian is a permutation-free identity, so grad_x = grad reshaped to x's shape.
/// </summary>
internal sealed class Reshape : Node
{
    private int[] _inputShape = [];

    public static Tensor Forward(Tensor x, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var resolved = Resolve(x.ShapeArray, x.Count, shape);
        var y = new Tensor(x.Storage, resolved, x.DType);
        return ShouldRecord(x) ? new Reshape { _inputShape = x.ShapeArray }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_inputShape)];

    /// <summary>Replaces a single -1 by the size that keeps the element count, and checks the count (without
    /// overflow: a product beyond what a tensor holds is reported as such, never wrapped around).</summary>
    private static int[] Resolve(int[] from, int count, int[] shape)
    {
        var result = (int[])shape.Clone();
        int inferred = -1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (inferred >= 0)
                    throw new ArgumentException($"Reshape: only one dimension can be -1, got {ShapeUtil.Format(shape)}.");
                inferred = i;
            }
            else if (result[i] < 0)
                throw new ArgumentException($"Reshape: invalid size {result[i]} in shape {ShapeUtil.Format(shape)}; sizes must be >= 0 or a single -1.");
        }
        if (inferred >= 0)
        {
            result[inferred] = 1;
            long known = ShapeUtil.CountUpTo(result);
            if (known == 0 || count % known != 0)
                throw new ArgumentException(
                    $"Reshape: shape {ShapeUtil.Format(shape)} is invalid for a tensor of shape {ShapeUtil.Format(from)} ({count} elements).");
            result[inferred] = (int)(count / known);
        }
        else
        {
            long known = ShapeUtil.CountUpTo(result);
            if (known != count)
                throw new ArgumentException(
                    $"Reshape: shape {ShapeUtil.Format(shape)} ({ShapeUtil.FormatCount(known)} elements) is invalid for a tensor of shape {ShapeUtil.Format(from)} ({count} elements).");
        }
        return result;
    }
}
