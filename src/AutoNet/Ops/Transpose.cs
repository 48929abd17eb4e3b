using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x with dims dim0 and dim1 swapped (copied to a new contiguous tensor).
/// Transposing is its own inverse, so grad_x = grad transposed back.
/// </summary>
internal sealed class Transpose : Node
{
    private int _dim0, _dim1;

    public static Tensor Forward(Tensor x, int dim0, int dim1)
    {
        int d0 = ShapeUtil.NormalizeDim(dim0, x.Rank, "Transpose");
        int d1 = ShapeUtil.NormalizeDim(dim1, x.Rank, "Transpose");
        if (x.Rank < 2 || d0 == d1) return ShouldRecord(x) ? x.Reshape(x.ShapeArray) : x.Detach();
        var y = TransposeKernel.Run(x, d0, d1);
        return ShouldRecord(x) ? new Transpose { _dim0 = d0, _dim1 = d1 }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Transpose(_dim0, _dim1)];
}
