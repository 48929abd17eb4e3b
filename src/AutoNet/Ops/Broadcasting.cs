using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// What every binary op does before its kernel: promote dtypes as PyTorch does and compute the broadcast shape.
/// The gradient side of broadcasting lives in one place too: the backward engine sums a gradient of the broadcast
/// shape down to each input's shape with <see cref="SumTo"/> (see <c>ValidateOutputs</c>), so no op's backward does.
/// </summary>
internal static class Broadcasting
{
    /// <summary>
    /// Promotes the two operands to a common dtype (float32 with float64 gives float64, except that a 0-d tensor
    /// adopts the dtype of a dimensioned one, as PyTorch's scalars do) and returns the broadcast output shape.
    /// The promotion is a recorded <see cref="Cast"/>, so gradients flow back in each input's own dtype.
    /// </summary>
    public static (Tensor A, Tensor B, int[] Shape) Prepare(Tensor a, Tensor b, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // The usual cases, one shape already the broadcast of both, reuse that shape (shapes are never mutated).
        var shape = ShapeUtil.BroadcastsTo(b.ShapeArray, a.ShapeArray) ? a.ShapeArray
            : ShapeUtil.BroadcastsTo(a.ShapeArray, b.ShapeArray) ? b.ShapeArray
            : ShapeUtil.Broadcast(a.ShapeArray, b.ShapeArray, op);
        if (a.DType != b.DType)
        {
            DType common = a.Rank == 0 && b.Rank > 0 ? b.DType
                : b.Rank == 0 && a.Rank > 0 ? a.DType
                : DType.Float64;
            if (a.DType != common) a = Cast.Forward(a, common);
            if (b.DType != common) b = Cast.Forward(b, common);
        }
        return (a, b, shape);
    }
}
