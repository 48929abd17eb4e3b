using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = 1/√x (computed as 1 / sqrt(x), as PyTorch's CPU kernel: +inf at 0, NaN below).
/// d/dx x^(-1/2) = -½ x^(-3/2) = -½ y³, so grad_x = -0.5 * grad * y³ (the result is saved; PyTorch's formula).
/// </summary>
internal sealed class Rsqrt : Node
{
    private readonly SavedTensor _result;

    private Rsqrt(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Rsqrt(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [-0.5 * grad * _result.Value.Pow(3)];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> { for (int i = 0; i < x.Length; i++) y[i] = T.One / T.Sqrt(x[i]); }
    }
}
