using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = max(a, b) (or min) elementwise with broadcasting; NaN if either is NaN, as PyTorch. ∂y/∂a = 1 where a wins,
/// 0 where b wins and 1/2 at a tie (PyTorch 1.13 splits the gradient), ∂y/∂b likewise, so grad_a = grad * w_a and
/// grad_b = grad * w_b with, as PyTorch 1.13's formula, w_a = 1 - (a &lt; b) - (a == b)/2 and w_b = 1 - (a &gt; b) - (a == b)/2
/// (the comparisons swapped for the minimum): where a NaN is involved no comparison holds and both get the whole
/// gradient, as in PyTorch. The weights are constants, so second order works.
/// </summary>
internal sealed class Maximum : Node
{
    private readonly SavedTensor _wa, _wb;
    private readonly bool _min;

    private Maximum(Tensor wa, Tensor wb, bool min)
    {
        _wa = Save(wa);
        _wb = Save(wb);
        _min = min;
    }

    public override string Name => _min ? "Minimum" : "Maximum";

    public static Tensor Forward(Tensor a, Tensor b, bool min)
    {
        string op = min ? "Minimum" : "Maximum";
        (a, b, var shape) = Broadcasting.Prepare(a, b, op, IntegerRule.Arithmetic);
        var y = min ? Elementwise.Arithmetic(a, b, shape, default(MinKernel)) : Elementwise.Arithmetic(a, b, shape, default(MaxKernel));
        if (!ShouldRecord(a, b)) return y;
        Tensor wa, wb;
        using (GradMode.Set(false))
        {
            var notHalf = 1.0 - Compare.Forward(a, b, Comparison.Eq).To(y.DType) * 0.5;
            wa = notHalf - Compare.Forward(a, b, min ? Comparison.Gt : Comparison.Lt).To(y.DType);
            wb = notHalf - Compare.Forward(a, b, min ? Comparison.Lt : Comparison.Gt).To(y.DType);
        }
        return new Maximum(wa, wb, min).Attach(y, [a, b]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad * _wa.Value : null,
        NeedsInputGrad(1) ? grad * _wb.Value : null,
    ];

    // TensorPrimitives.Max/Min propagate NaN, as PyTorch's maximum/minimum do.
    private readonly struct MaxKernel : IBinaryKernel, IElementBinary<long, long>
    {
        public long Apply(long a, long b) => Math.Max(a, b);
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(a, b, d);
        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(a, b, d);
        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(b, a, d);
    }

    private readonly struct MinKernel : IBinaryKernel, IElementBinary<long, long>
    {
        public long Apply(long a, long b) => Math.Min(a, b);
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(a, b, d);
        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(a, b, d);
        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(b, a, d);
    }
}
