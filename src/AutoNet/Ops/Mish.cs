using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = mish(x) = x · tanh(softplus(x)), softplus(x) = log(1 + eˣ) taken as max(x, 0) + log(1 + e^-|x|) (no overflow
/// for large x; PyTorch's log1p(exp(x)) reaches the same tanh = 1 there through +∞). Computed in float64 and rounded
/// for float32 inputs.
/// d/dx mish(x) = t + x · σ(x) · (1 - t²) with t = tanh(softplus(x)), so grad_x = grad · (t + x · s · (1 - t · t)),
/// in tensor ops (PyTorch's infinitely_differentiable_mish_backward, same order and the same thresholded softplus).
/// </summary>
internal sealed class Mish : Node
{
    private readonly SavedTensor _x;

    private Mish(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Mish(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var x = _x.Value;
        var s = x.Sigmoid();
        var t = x.Softplus().Tanh();
        return [grad * (t + x * s * (1.0 - t * t))];
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++)
            {
                double v = double.CreateTruncating(x[i]);
                y[i] = T.CreateTruncating(v * Math.Tanh(Math.Max(v, 0) + SpecialFunctions.Log1pExpMinusAbs(v)));
            }
        }
    }
}
