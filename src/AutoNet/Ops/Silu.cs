using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = silu(x) = x · σ(x), computed as PyTorch's kernel does: x / (1 + e^-x) (for x → -∞, e^-x overflows to +∞ and
/// y → -0, never NaN).
/// d/dx silu(x) = σ(x) · (1 + x · (1 - σ(x))), so grad_x = grad · s · (1 + x · (1 - s)) with s = σ(x), in tensor ops
/// (PyTorch's infinitely_differentiable_silu_backward, same order). For float32 the factor is taken in float64 and
/// rounded: 1 + x·(1 - s) cancels near x ≈ -1.28 (where the derivative is 0), and in float32 both AutoNet's and
/// PyTorch's factor lost up to 7e-7 relative there (measured at x = -1.19987: exact 0.00931920867, float32 0.00931921508,
/// PyTorch 0.00931920484).
/// </summary>
internal sealed class Silu : Node
{
    private readonly SavedTensor _x;

    private Silu(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Silu(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var x = _x.Value;
        var wide = x.DType == DType.Float32 ? x.To(DType.Float64) : x;
        var s = wide.Sigmoid();
        var factor = s * (1.0 + wide * (1.0 - s));
        return [grad * (factor.DType == x.DType ? factor : factor.To(x.DType))];
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] / (T.One + T.Exp(-x[i]));
        }
    }
}
