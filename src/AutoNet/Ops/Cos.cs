using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = cos(x).
/// d/dx cos(x) = -sin(x), so grad_x = grad * -sin(x) (PyTorch's formula).
/// </summary>
internal sealed class Cos : Node
{
    private readonly SavedTensor _x;

    private Cos(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Cos(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * -_x.Value.Sin()];

    private readonly struct Kernel : IUnaryKernel
    {
        // Per element (correctly rounded libm), not TensorPrimitives.Cos's vector approximation.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> { for (int i = 0; i < x.Length; i++) y[i] = T.Cos(x[i]); }
    }
}
