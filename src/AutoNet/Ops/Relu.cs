using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = max(x, 0); NaN stays NaN.
/// d/dx = 1 where y > 0, else 0 (PyTorch's threshold_backward on the result), so grad_x = grad * (y > 0).
/// </summary>
internal sealed class Relu : Node
{
    private Tensor _mask = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        if (!ShouldRecord(x)) return y;
        var node = new Relu { _mask = Elementwise.Map(y, default(PositiveKernel)) };
        return node.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _mask];

    protected internal override void Release()
    {
        base.Release();
        _mask = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        // TensorPrimitives.Max propagates NaN, as PyTorch's relu does.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, T.Zero, y);
    }

    /// <summary>y = 1 where x &gt; 0, else 0: a SIMD compare-and-select, then a scalar tail.</summary>
    private readonly struct PositiveKernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
                for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                    Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(x[i..]), Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero).CopyTo(y[i..]);
            for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : T.Zero;
        }
    }
}
