using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = a * b elementwise, broadcasting.
/// d/da = b, d/db = a, so grad_a = unbroadcast(grad * b), grad_b = unbroadcast(grad * a).
/// </summary>
internal sealed class Mul : Node
{
    private Tensor _a = null!, _b = null!;

    public static Tensor Forward(Tensor a, Tensor b)
    {
        (a, b, var shape) = Broadcasting.Prepare(a, b, "Mul");
        var y = Elementwise.Binary(a, b, shape, default(Kernel));
        if (!ShouldRecord(a, b)) return y;
        var node = new Mul();
        node._a = node.Save(a);
        node._b = node.Save(b);
        return node.Attach(y, [a, b]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? Broadcasting.Unbroadcast(grad * _b, _a) : null,
        NeedsInputGrad(1) ? Broadcasting.Unbroadcast(grad * _a, _b) : null,
    ];

    protected internal override void Release()
    {
        base.Release();
        _a = _b = null!;
    }

    private readonly struct Kernel : IBinaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, d);
        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, d);
        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(b, a, d);
    }
}
