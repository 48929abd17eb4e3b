using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x broadcast to a larger shape without copying: a view whose expanded dims (x's dims of size 1, and new
/// leading dims) have stride 0, so every copy reads the same element. PyTorch: <c>expand</c>.
/// Each input element feeds every copy of itself, so grad_x = the sum of grad over the copies: sum_to(grad, x.shape).
/// </summary>
internal sealed class Expand : Node
{
    private int[] _inputShape = [];

    /// <summary>Expands to <paramref name="sizes"/>; a -1 keeps the size of an existing dim.</summary>
    public static Tensor Forward(Tensor x, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int rank = sizes.Length, lead = rank - x.Rank;
        if (lead < 0)
            throw new ArgumentException(
                $"Expand: shape {ShapeUtil.Format(x.ShapeArray)} cannot be broadcast to {ShapeUtil.Format(sizes)}: the target has fewer dims ({rank}) than the tensor ({x.Rank}).");
        var from = x.StrideArray;
        var shape = new int[rank];
        var strides = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int size = sizes[i];
            if (i < lead)
            {
                if (size < 0)
                    throw new ArgumentException(
                        $"Expand: shape {ShapeUtil.Format(x.ShapeArray)} cannot be broadcast to {ShapeUtil.Format(sizes)}: size {size} for the new leading dim {i}; expected a size >= 0 (-1 keeps only an existing dim).");
                shape[i] = size;
                continue; // stride 0
            }
            int own = x.ShapeArray[i - lead];
            if (size == -1) size = own;
            if (size == own) strides[i] = from[i - lead];
            else if (own != 1 || size < 0)
                throw new ArgumentException(
                    $"Expand: shape {ShapeUtil.Format(x.ShapeArray)} cannot be broadcast to {ShapeUtil.Format(sizes)} (dimension {i}: the expanded size {size} must match the existing size {own}, or the existing size must be 1).");
            shape[i] = size;
        }
        ShapeUtil.Count(shape, "Expand");
        var y = new Tensor(x.Storage, shape, strides, x.StorageOffset, x.DType);
        return ShouldRecord(x) ? new Expand { _inputShape = x.ShapeArray }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [SumTo.Forward(grad, _inputShape)];
}
