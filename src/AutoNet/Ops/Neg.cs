using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = -x.
/// d/dx = -1, so grad_x = -grad.
/// </summary>
internal sealed class Neg : Node
{
    public static Tensor Forward(Tensor x)
    {
        if (x.DType == DType.Bool)
            throw new ArgumentException("Neg: negation of a Bool tensor is not supported (as in PyTorch); to invert a mask use mask.Eq(false) or 1 - mask.");
        if (x.DType == DType.Int64) return Sub.Forward(Tensor.Zeros([], DType.Int64), x);
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Neg().Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [-grad];

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Negate(x, y);
    }
}
