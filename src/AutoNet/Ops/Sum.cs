using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = Σ x over all elements (dim = null) or along one dim (kept as size 1 with keepDim).
/// ∂y/∂x_i = 1 for every summed element, so grad_x = grad (with the reduced dim put back as size 1) expanded
/// to x's shape.
/// </summary>
internal sealed class Sum : Node
{
    private int[] _inputShape = [];
    private int[] _keptShape = [];

    public static Tensor Forward(Tensor x, int? dim, bool keepDim)
    {
        Tensor y;
        int[] kept;
        if (dim is null)
        {
            y = Reductions.SumAll(x);
            kept = [];
        }
        else
        {
            int d = ShapeUtil.NormalizeDim(dim.Value, x.Rank, "Sum");
            if (x.Rank == 0) return ShouldRecord(x) ? x.Reshape() : x.Detach();
            y = Reductions.SumDim(x, d, keepDim);
            kept = ShapeUtil.Reduced(x.ShapeArray, d, keepDim: true);
        }
        if (!ShouldRecord(x)) return y;
        return new Sum { _inputShape = x.ShapeArray, _keptShape = kept }.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [Expand.Forward(grad.Reshape(_keptShape), _inputShape)];
}
