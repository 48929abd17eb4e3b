using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = √x.
/// d/dx √x = 1 / (2√x) = 1 / (2y), so grad_x = grad / (2 * y).
/// </summary>
internal sealed class Sqrt : Node
{
    private Tensor _result = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        if (!ShouldRecord(x)) return y;
        var node = new Sqrt();
        node.Attach(y, [x]);
        node._result = node.Save(y);
        return y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / (2.0 * _result)];

    protected internal override void Release()
    {
        base.Release();
        _result = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, y);
    }
}
