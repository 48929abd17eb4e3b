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
    private readonly SavedTensor _result;

    private Sigmoid(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Sigmoid(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * (1.0 - _result.Value) * _result.Value];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sigmoid(x, y);
    }
}
