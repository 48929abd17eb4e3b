using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = ln(x) (natural logarithm; ln 0 = -inf, ln of a negative number = NaN, as in PyTorch).
/// d/dx ln(x) = 1/x, so grad_x = grad / x.
/// </summary>
internal sealed class Log : Node
{
    private Tensor _x = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        if (!ShouldRecord(x)) return y;
        var node = new Log();
        node._x = node.Save(x);
        return node.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / _x];

    protected internal override void Release()
    {
        base.Release();
        _x = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, y);
    }
}
