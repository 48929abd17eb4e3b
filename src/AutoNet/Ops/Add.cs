using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Internal;
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

    /// <summary>
    /// y + b written over y's own memory, for a y that nothing else can see: <see cref="F.Linear"/>'s product, just
    /// made, whose node saved its inputs and not y. The sums are the same as <see cref="Forward"/>'s (each element's
    /// kernel reads y before it writes there), and the step allocates one output fewer per layer. Anything else (a
    /// view, an integer or mixed dtype, a b that does not broadcast to y's shape) goes through <see cref="Forward"/>.
    /// </summary>
    public static Tensor ForwardOverFresh(Tensor y, Tensor b)
    {
        if (y.Layout is not null || y.DType is not (DType.Float32 or DType.Float64) || b.DType != y.DType
            || !ShapeUtil.BroadcastsTo(b.ShapeArray, y.ShapeArray))
            return Forward(y, b);
        var bv = Contiguous.Values(b);
        var d = new Tensor(y.Storage, y.ShapeArray, y.DType);             // a new node's output, y's memory
        if (y.DType == DType.Float32)
            ElementwiseLoops.Binary(y.Span<float>(), y.ShapeArray, bv.Span<float>(), bv.ShapeArray, d.Span<float>(), d.ShapeArray, default(Kernel));
        else
            ElementwiseLoops.Binary(y.Span<double>(), y.ShapeArray, bv.Span<double>(), bv.ShapeArray, d.Span<double>(), d.ShapeArray, default(Kernel));
        return ShouldRecord(y, b) ? new Add().Attach(d, [y, b]) : d;
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
