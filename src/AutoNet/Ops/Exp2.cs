using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = 2^x.
/// d/dx 2^x = 2^x ln 2 = y ln 2, so grad_x = grad * y * ln 2 (the result is saved; PyTorch's formula and order).
/// </summary>
internal sealed class Exp2 : Node
{
    private const double Ln2 = 0.6931471805599453;
    private readonly SavedTensor _result;

    private Exp2(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Exp2(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _result.Value * Ln2];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> { for (int i = 0; i < x.Length; i++) y[i] = T.Exp2(x[i]); }
    }
}
