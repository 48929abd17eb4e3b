using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x broadcast (repeated) to a larger shape. PyTorch: <c>expand</c> (here materialised).
/// Each input element feeds every copy of itself, so grad_x = the sum of grad over the copies: sum_to(grad, x.shape).
/// </summary>
internal sealed class Expand : Node
{
    private int[] _inputShape = [];

    public static Tensor Forward(Tensor x, int[] shape)
    {
        if (!ShapeUtil.BroadcastsTo(x.ShapeArray, shape))
            throw new ArgumentException($"Expand: shape {ShapeUtil.Format(x.ShapeArray)} cannot be broadcast to {ShapeUtil.Format(shape)}.");
        if (x.ShapeArray.AsSpan().SequenceEqual(shape)) return x;
        var y = Elementwise.BroadcastTo(x, shape);
        return ShouldRecord(x) ? new Expand { _inputShape = x.ShapeArray }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [SumTo.Forward(grad, _inputShape)];
}
