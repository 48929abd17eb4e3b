using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = a + b, broadcasting.
/// d/da = 1, d/db = 1, so grad_a = grad, grad_b = grad (the engine sums a broadcast input's gradient down to its shape).
/// </summary>
internal sealed class Add : Node
{
    public static Tensor Forward(Tensor a, Tensor b)
    {
        (a, b, var shape) = Broadcasting.Prepare(a, b, "Add", IntegerRule.Arithmetic);
        var y = Elementwise.Arithmetic(a, b, shape, default(Kernel));
        return ShouldRecord(a, b) ? new Add().Attach(y, [a, b]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad : null,
        NeedsInputGrad(1) ? grad : null,
    ];

    private readonly struct Kernel : IBinaryKernel, IElementBinary<long, long>
    {
        public long Apply(long a, long b) => unchecked(a + b);
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(a, b, d);
        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(a, b, d);
        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(b, a, d);
    }
}
