using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = 1/x (±inf at ±0).
/// d/dx x⁻¹ = -x⁻² = -y², so grad_x = -grad * (y * y) (the result is saved; PyTorch's formula). A primitive rather
/// than 1.0 / x so that its gradient has PyTorch's order of operations.
/// </summary>
internal sealed class Reciprocal : Node
{
    private readonly SavedTensor _result;

    private Reciprocal(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Reciprocal(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [-grad * (_result.Value * _result.Value)];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(T.One, x, y);
    }
}
