using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = log σ(x) = -softplus(-x), computed as PyTorch's kernel does: min(x, 0) - log(1 + e^-|x|), finite for any
/// finite x (log σ(-1000) = -1000, log σ(40) = -4.2e-18).
/// d/dx log σ(x) = 1 - σ(x) = σ(-x), so grad_x = grad · σ(-x), in tensor ops (PyTorch's log_sigmoid_backward
/// gives the same values: z / (1 + z) or 1 - z / (1 + z) with z = e^-|x|; 1/2 at 0).
/// </summary>
internal sealed class LogSigmoid : Node
{
    private readonly SavedTensor _x;

    private LogSigmoid(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new LogSigmoid(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * (-_x.Value).Sigmoid()];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = T.Min(x[i], T.Zero) - SpecialFunctions.Log1pExpMinusAbs(x[i]);
        }
    }
}
