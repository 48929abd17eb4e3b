using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = σ(x) = 1 / (1 + exp(-x)). For x → -∞, exp(-x) overflows to +∞ and y → 0 exactly; for x → +∞, y → 1:
/// never NaN.
/// d/dx σ(x) = σ(x)(1 - σ(x)), so grad_x = grad * (1 - y) * y (PyTorch's sigmoid_backward, same order).
/// </summary>
internal sealed class Sigmoid : Node
{
    private Tensor _result = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        if (!ShouldRecord(x)) return y;
        var node = new Sigmoid();
        node.Attach(y, [x]);
        node._result = node.Save(y);
        return y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * (1.0 - _result) * _result];

    protected internal override void Release()
    {
        base.Release();
        _result = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sigmoid(x, y);
    }
}
