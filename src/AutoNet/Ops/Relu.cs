using System.Numerics;
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
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero || T.IsNaN(x[i]) ? x[i] : T.Zero;
        }
    }

    private readonly struct PositiveKernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : T.Zero;
        }
    }
}
