using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x tiled r_d times along every dim d (x first viewed with leading size-1 dims up to len(repeats)).
/// PyTorch: <c>Tensor.repeat</c>. Viewed as [r_0, s_0, r_1, s_1, ...], y is x viewed as [1, s_0, 1, s_1, ...]
/// broadcast; each x element feeds every tile, so grad_x = grad viewed as [r_0, s_0, ...] summed over the r dims
/// (sum_to [1, s_0, 1, s_1, ...]) and reshaped to x's shape.
/// </summary>
internal sealed class Repeat : Node
{
    private int[] _inputShape = [], _tiled = [], _single = [];

    public static Tensor Forward(Tensor x, int[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Length < x.Rank)
            throw new ArgumentException(
                $"Repeat: got {repeats.Length} repeat count(s) {ShapeUtil.Format(repeats)} for a tensor of shape {ShapeUtil.Format(x.ShapeArray)} ({x.Rank} dims); expected at least one count per dim.", nameof(repeats));
        for (int i = 0; i < repeats.Length; i++)
            if (repeats[i] < 0)
                throw new ArgumentException($"Repeat: repeat count {repeats[i]} at position {i} of {ShapeUtil.Format(repeats)} is negative; expected counts >= 0.", nameof(repeats));
        int n = repeats.Length, lead = n - x.Rank;
        var single = new int[2 * n];  // [1, s_0, 1, s_1, ...]
        var tiled = new int[2 * n];   // [r_0, s_0, r_1, s_1, ...]
        var shape = new int[n];
        for (int d = 0; d < n; d++)
        {
            int s = d < lead ? 1 : x.ShapeArray[d - lead];
            (single[2 * d], single[2 * d + 1]) = (1, s);
            (tiled[2 * d], tiled[2 * d + 1]) = (repeats[d], s);
            long size = (long)repeats[d] * s;
            if (size > int.MaxValue)
                throw new ArgumentException($"Repeat: dim {d} would have size {size} ({repeats[d]} x {s}), more than a dim can hold.", nameof(repeats));
            shape[d] = (int)size;
        }
        ShapeUtil.Count(shape, "Repeat");
        var y = Copying.Tile(x.Contiguous(), single, tiled, shape);
        if (!ShouldRecord(x)) return y;
        return new Repeat { _inputShape = x.ShapeArray, _tiled = tiled, _single = single }.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [SumTo.Forward(grad.Reshape(_tiled), _single).Reshape(_inputShape)];
}
