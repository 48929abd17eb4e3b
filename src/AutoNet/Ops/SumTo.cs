using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x summed down to a smaller shape that broadcasts to x's: the reverse of broadcasting, which the backward
/// engine applies to every gradient of a broadcast input (<c>ValidateOutputs</c>) and <see cref="Expand"/>'s backward uses.
/// Each output sums a set of input elements with weight 1, so grad_x = expand(grad, x.shape).
/// </summary>
internal sealed class SumTo : Node
{
    private int[] _inputShape = [];

    public static Tensor Forward(Tensor x, int[] shape)
    {
        if (!ShapeUtil.BroadcastsTo(shape, x.ShapeArray))
            throw new ArgumentException($"SumTo: shape {ShapeUtil.Format(shape)} does not broadcast to {ShapeUtil.Format(x.ShapeArray)}.");
        if (x.ShapeArray.AsSpan().SequenceEqual(shape)) return x;
        var y = Elementwise.SumTo(x, shape);
        return ShouldRecord(x) ? new SumTo { _inputShape = x.ShapeArray }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Expand.Forward(grad, _inputShape)];
}
