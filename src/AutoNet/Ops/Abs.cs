using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = |x|.
/// d/dx |x| = sign(x) (0 at x = 0, as PyTorch's sgn), so grad_x = grad * sign(x).
/// </summary>
internal sealed class Abs : Node
{
    private Tensor _sign = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        if (!ShouldRecord(x)) return y;
        var node = new Abs { _sign = Elementwise.Map(x, default(SignKernel)) };
        return node.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _sign];

    protected internal override void Release()
    {
        base.Release();
        _sign = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Abs(x, y);
    }

    private readonly struct SignKernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++)
                y[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : T.Zero;
        }
    }
}
