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
    private Tensor _x = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        if (!ShouldRecord(x)) return y;
        var node = new Log1p();
        node._x = node.Save(x);
        return node.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad / (_x + 1.0)];

    protected internal override void Release()
    {
        base.Release();
        _x = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(SpecialFunctions.Log1p(double.CreateTruncating(x[i])));
        }
    }
}
