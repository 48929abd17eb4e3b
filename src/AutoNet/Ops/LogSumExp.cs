using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = log Σ exp(x) along a dim, computed as PyTorch does: m = max (set to 0 where it is ±inf), y = log Σ exp(x - m) + m,
/// so ±1000 neither overflows nor underflows, a row of -inf gives -inf and a row holding +inf gives +inf.
/// ∂y/∂x_i = exp(x_i) / Σ exp(x) = exp(x_i - y) (the softmax), so grad_x = grad * exp(x - y), y and grad given back
/// the reduced dim (PyTorch's logsumexp_backward; NaN on a row of -inf, as there).
/// </summary>
internal sealed class LogSumExp : Node
{
    private readonly SavedTensor _x, _result;
    private readonly int[] _keptShape;

    private LogSumExp(Tensor x, Tensor y, int[] keptShape)
    {
        _x = Save(x);
        _result = Save(y);
        _keptShape = keptShape;
    }

    public static Tensor Forward(Tensor x, int dim, bool keepDim)
    {
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "LogSumExp");
        x = x.Contiguous();
        var kept = ShapeUtil.Reduced(x.ShapeArray, d, keepDim: true);
        var values = x.Detach(); // the forward is made of ops that record nothing
        Tensor y;
        if (x.Count == 0) y = Log.Forward(Reductions.SumDim(Exp.Forward(values), d, keepDim));
        else
        {
            var max = Elementwise.Map(Reductions.MaxDim(values, d, keepDim: true).Values, default(FiniteOrZero));
            var sum = Reductions.SumDim(Exp.Forward(values - max), d, keepDim);
            y = Log.Forward(sum) + max.Reshape(ShapeUtil.Reduced(x.ShapeArray, d, keepDim));
        }
        return ShouldRecord(x) ? new LogSumExp(x, y, kept).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [grad.Reshape(_keptShape) * (_x.Value - _result.Value.Reshape(_keptShape)).Exp()];

    /// <summary>x where finite, 0 where ±inf (NaN stays NaN): the shift that keeps inf - inf out of the sum.</summary>
    private readonly struct FiniteOrZero : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = T.IsInfinity(x[i]) ? T.Zero : x[i];
        }
    }
}
