using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y_k = Σ_{j ≤ k} x_j along a dim (PyTorch's cumsum; sequential, accumulated in double, as PyTorch's CPU kernel).
/// ∂y_k/∂x_j = 1 for j ≤ k, so grad_x_j = Σ_{k ≥ j} grad_k: the reversed cumulative sum of grad (PyTorch's
/// flip-cumsum-flip), which is this op with the direction reversed, and its gradient the forward one again.
/// </summary>
internal sealed class CumSum : Node
{
    private readonly int _dim;
    private readonly bool _reverse;

    private CumSum(int dim, bool reverse) => (_dim, _reverse) = (dim, reverse);

    public override string Name => _reverse ? "ReversedCumSum" : "CumSum";

    public static Tensor Forward(Tensor x, int dim, bool reverse = false)
    {
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "CumSum");
        x = x.Contiguous();
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, d);
        if (x.DType == DType.Float32) CumulativeSum.Run(x.Span<float>(), y.Span<float>(), outer, size, inner, reverse);
        else CumulativeSum.Run(x.Span<double>(), y.Span<double>(), outer, size, inner, reverse);
        return ShouldRecord(x) ? new CumSum(d, reverse).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Forward(grad, _dim, !_reverse)];
}
