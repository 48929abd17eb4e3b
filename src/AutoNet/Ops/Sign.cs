using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = sign(x): 1 above 0, -1 below, 0 at ±0 and at NaN (PyTorch's CPU kernel, (0 &lt; x) - (x &lt; 0)).
/// d/dx sign(x) = 0 wherever it exists (PyTorch defines it as 0 everywhere), so grad_x = zeros.
/// </summary>
internal sealed class Sign : Node
{
    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Sign().Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Tensor.ZerosLike(grad)];

    /// <summary>The sign of each element (also the derivative of <see cref="Abs"/>).</summary>
    internal readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++)
                y[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : T.Zero;
        }
    }
}
