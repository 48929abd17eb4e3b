using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x with its dims reordered: y's dim i is x's dim dims[i] (a view, sizes and strides permuted).
/// PyTorch: <c>permute</c>.
/// The inverse permutation undoes it, so grad_x = grad permuted by the inverse of dims.
/// </summary>
internal sealed class Permute : Node
{
    private int[] _inverse = [];

    public static Tensor Forward(Tensor x, int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        int rank = x.Rank;
        if (dims.Length != rank)
            throw new ArgumentException(
                $"Permute: got {dims.Length} dims {ShapeUtil.Format(dims)} for a tensor of shape {ShapeUtil.Format(x.ShapeArray)}; expected a permutation of its {rank} dims.");
        var inverse = new int[rank];
        inverse.AsSpan().Fill(-1);
        int[] shape = new int[rank], strides = new int[rank], from = x.StrideArray;
        for (int i = 0; i < rank; i++)
        {
            int d = ShapeUtil.NormalizeDim(dims[i], rank, "Permute");
            if (inverse[d] >= 0)
                throw new ArgumentException($"Permute: dim {d} appears twice in {ShapeUtil.Format(dims)}; expected a permutation of 0..{rank - 1}.");
            inverse[d] = i;
            shape[i] = x.ShapeArray[d];
            strides[i] = from[d];
        }
        var y = new Tensor(x.Storage, shape, strides, x.StorageOffset, x.DType);
        return ShouldRecord(x) ? new Permute { _inverse = inverse }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Permute(_inverse)];
}
