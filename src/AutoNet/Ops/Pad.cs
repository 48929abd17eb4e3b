using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x with before[d] elements of a constant added in front of dim d and after[d] behind it, for every dim d; a
/// negative count removes that many elements instead (crops), so Pad also narrows. PyTorch: <c>F.pad(mode="constant")</c>.
/// Each element of x that survives appears once in y and the padding is constant, so ∂y/∂x is a 0/1 selection and
/// grad_x = grad with the same counts negated: pad(grad, -before, -after) crops the padding away and puts zeros
/// where x was cropped.
/// </summary>
internal sealed class Pad : Node
{
    private int[] _before = [], _after = [];

    /// <summary>Pads (or crops) every dim; <paramref name="before"/> and <paramref name="after"/> hold one count per dim.</summary>
    public static Tensor Forward(Tensor x, int[] before, int[] after, double value, string op = "Pad")
    {
        x = x.Contiguous();
        int rank = x.Rank;
        var shape = new int[rank];
        var srcStart = new int[rank];
        var dstStart = new int[rank];
        var extent = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int n = x.ShapeArray[d];
            long kept = (long)n + Math.Min(before[d], 0) + Math.Min(after[d], 0); // what is left after the crops
            if (kept < 0)
                throw new ArgumentException(
                    $"{op}: padding ({before[d]}, {after[d]}) of dim {d} (size {n}) of a tensor of shape {ShapeUtil.Format(x.ShapeArray)} crops {n - kept} elements; expected at most {n}.");
            long size = kept + Math.Max(before[d], 0) + Math.Max(after[d], 0);
            if (size > int.MaxValue)
                throw new ArgumentException(
                    $"{op}: padding ({before[d]}, {after[d]}) of dim {d} (size {n}) gives size {size}, more than a dim can hold.");
            shape[d] = (int)size;
            srcStart[d] = Math.Max(0, -before[d]);
            dstStart[d] = Math.Max(0, before[d]);
            extent[d] = (int)kept;
        }
        ShapeUtil.Count(shape, op);
        var y = Tensor.Full(shape, value, x.DType);
        Copying.Box(x, x.ShapeArray, srcStart, y, dstStart, extent);
        return ShouldRecord(x) ? new Pad { _before = before, _after = after }.Attach(y, [x]) : y;
    }

    /// <summary>
    /// x[..., start:start+length, ...] along <paramref name="dim"/>, copied (the gradient of Cat and Stack; the
    /// caller has checked the range). PyTorch: <c>narrow</c>, here as a crop.
    /// </summary>
    public static Tensor Narrow(Tensor x, int dim, int start, int length)
    {
        var before = new int[x.Rank];
        var after = new int[x.Rank];
        before[dim] = -start;
        after[dim] = -(x.ShapeArray[dim] - start - length);
        return Forward(x, before, after, 0);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [Forward(grad, Negated(_before), Negated(_after), 0)];

    private static int[] Negated(int[] counts) => Array.ConvertAll(counts, c => -c);
}
