using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = ln(1 + x), accurate for small x where <c>Log(1 + x)</c> would lose digits to the rounding of 1 + x
/// (see <see cref="SpecialFunctions.Log1p"/>; float32 is computed in float64 and rounded).
/// d/dx ln(1 + x) = 1 / (1 + x), so grad_x = grad / (1 + x) (PyTorch's derivatives.yaml: log1p).
/// </summary>
internal sealed class Log1p : Node
{
    private readonly SavedTensor _x;

    private Log1p(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Log1p(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / (_x.Value + 1.0)];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(SpecialFunctions.Log1p(double.CreateTruncating(x[i])));
        }
    }
}
