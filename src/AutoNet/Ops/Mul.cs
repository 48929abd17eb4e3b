using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = a * b elementwise, broadcasting.
/// d/da = b, d/db = a, so grad_a = grad * b, grad_b = grad * a (the engine sums a broadcast input's gradient down to
/// its shape).
/// </summary>
internal sealed class Mul : Node
{
    private readonly SavedTensor _a, _b;

    private Mul(Tensor a, Tensor b)
    {
        _a = Save(a);
        _b = Save(b);
    }

    public static Tensor Forward(Tensor a, Tensor b)
    {
        (a, b, var shape) = Broadcasting.Prepare(a, b, "Mul", IntegerRule.Arithmetic);
        var y = Elementwise.Arithmetic(a, b, shape, default(Kernel));
        return ShouldRecord(a, b) ? new Mul(a, b).Attach(y, [a, b]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad * _b.Value : null,
        NeedsInputGrad(1) ? grad * _a.Value : null,
    ];

    private readonly struct Kernel : IBinaryKernel, IElementBinary<long, long>
    {
        public long Apply(long a, long b) => unchecked(a * b);
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, d);
        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, d);
        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(b, a, d);
    }
}
