using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = condition ? a : b elementwise, the three broadcast together; a and b promoted to a common dtype as PyTorch.
/// ∂y/∂a = 1 where the condition holds and 0 elsewhere, ∂y/∂b the reverse, so
/// grad_a = where(condition, grad, 0) and grad_b = where(condition, 0, grad) (in the broadcast shape; the engine
/// sums each down to its input's shape). The backward is itself a Where, so second order works.
/// </summary>
internal sealed class Where : Node
{
    private readonly SavedTensor _condition;

    private Where(Tensor condition) => _condition = Save(condition);

    public static Tensor Forward(Tensor condition, Tensor a, Tensor b, string op = "Where")
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.DType != DType.Bool)
            throw new ArgumentException(
                $"{op}: the condition must be a Bool tensor, got {condition.DType.Name()} (shape {ShapeUtil.Format(condition.ShapeArray)}); make one with a comparison such as x.Gt(0) or with To(DType.Bool).");
        (a, b, var shape) = Broadcasting.Prepare(a, b, op, IntegerRule.Any);
        shape = ShapeUtil.Broadcast(condition.ShapeArray, shape, op);
        var c = Full(condition, shape);
        var fa = FullOrOne(a, shape);
        var fb = FullOrOne(b, shape);
        var y = Elementwise.Uninitialized(shape, a.DType);
        var cs = c.Span<bool>();
        switch (a.DType)
        {
            case DType.Float32: Selection.Where<float>(cs, fa.Span<float>(), fb.Span<float>(), y.Span<float>()); break;
            case DType.Int64: Selection.Where<long>(cs, fa.Span<long>(), fb.Span<long>(), y.Span<long>()); break;
            case DType.Bool: Selection.Where<bool>(cs, fa.Span<bool>(), fb.Span<bool>(), y.Span<bool>()); break;
            default: Selection.Where<double>(cs, fa.Span<double>(), fb.Span<double>(), y.Span<double>()); break;
        }
        return ShouldRecord(a, b) ? new Where(c).Attach(y, [a, b]) : y;
    }

    /// <summary>A single value stays one element (the kernel reads it at every position); anything else is
    /// <see cref="Full"/>.</summary>
    private static Tensor FullOrOne(Tensor x, int[] shape) => x.Count == 1 ? x.Contiguous() : Full(x, shape);

    /// <summary>x as a contiguous tensor of <paramref name="shape"/> (itself when it already is).</summary>
    private static Tensor Full(Tensor x, int[] shape) =>
        x.ShapeArray.AsSpan().SequenceEqual(shape) ? x.Contiguous() : Elementwise.BroadcastTo(x, shape);

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var condition = _condition.Value;
        var zero = Tensor.Zeros([], grad.DType);
        return
        [
            NeedsInputGrad(0) ? Forward(condition, grad, zero) : null,
            NeedsInputGrad(1) ? Forward(condition, zero, grad) : null,
        ];
    }
}
