using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = |x|.
/// d/dx |x| = sign(x) (0 at x = 0, as PyTorch's sgn), so grad_x = grad * sign(x).
/// </summary>
internal sealed class Abs : Node
{
    private readonly SavedTensor _sign;

    private Abs(Tensor sign) => _sign = Save(sign);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Abs(Elementwise.Map(x, default(Sign.Kernel))).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _sign.Value];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Abs(x, y);
    }
}
