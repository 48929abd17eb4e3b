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
    private readonly SavedTensor _result;

    private Sqrt(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Sqrt(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / (2.0 * _result.Value)];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, y);
    }
}
