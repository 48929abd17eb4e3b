using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = sin(x).
/// d/dx sin(x) = cos(x), so grad_x = grad * cos(x) (PyTorch's formula).
/// </summary>
internal sealed class Sin : Node
{
    private readonly SavedTensor _x;

    private Sin(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Sin(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _x.Value.Cos()];

    private readonly struct Kernel : IUnaryKernel
    {
        // Per element (correctly rounded libm), not TensorPrimitives.Sin's vector approximation.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> { for (int i = 0; i < x.Length; i++) y[i] = T.Sin(x[i]); }
    }
}
