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
    private readonly SavedTensor _x;

    private Log(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Log(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / _x.Value];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, y);
    }
}
