using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x with dims dim0 and dim1 swapped: a view sharing x's storage, the two dims' sizes and strides exchanged.
/// PyTorch: <c>transpose</c>.
/// Transposing is its own inverse, so grad_x = grad transposed back.
/// </summary>
internal sealed class Transpose : Node
{
    private int _dim0, _dim1;

    public static Tensor Forward(Tensor x, int dim0, int dim1)
    {
        int d0 = ShapeUtil.NormalizeDim(dim0, x.Rank, "Transpose");
        int d1 = ShapeUtil.NormalizeDim(dim1, x.Rank, "Transpose");
        var shape = (int[])x.ShapeArray.Clone();
        var strides = (int[])x.StrideArray.Clone();
        if (x.Rank >= 2)
        {
            (shape[d0], shape[d1]) = (shape[d1], shape[d0]);
            (strides[d0], strides[d1]) = (strides[d1], strides[d0]);
        }
        var y = new Tensor(x.Storage, shape, strides, x.StorageOffset, x.DType);
        return ShouldRecord(x) ? new Transpose { _dim0 = d0, _dim1 = d1 }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Transpose(_dim0, _dim1)];
}
