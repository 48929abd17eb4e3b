using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = log₂(x) (log₂ 0 = -inf, of a negative number NaN, as in PyTorch).
/// d/dx log₂(x) = 1 / (x ln 2), so grad_x = grad / (x * ln 2) (PyTorch's formula).
/// </summary>
internal sealed class Log2 : Node
{
    private const double Ln2 = 0.6931471805599453;
    private readonly SavedTensor _x;

    private Log2(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Log2(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / (_x.Value * Ln2)];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> { for (int i = 0; i < x.Length; i++) y[i] = T.Log2(x[i]); }
    }
}
