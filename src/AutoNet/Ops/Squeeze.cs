using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x without its dims of size 1 (all of them, or only <c>dim</c> if it has size 1), a view.
/// PyTorch: <c>squeeze</c>.
/// The elements are the same, so grad_x = grad reshaped to x's shape.
/// </summary>
internal sealed class Squeeze : Node
{
    private int[] _inputShape = [];

    /// <summary>Removes every dim of size 1 (<paramref name="dim"/> null) or just <paramref name="dim"/> when its size is 1.</summary>
    public static Tensor Forward(Tensor x, int? dim)
    {
        int only = dim is { } given ? ShapeUtil.NormalizeDim(given, x.Rank, "Squeeze") : -1;
        var from = x.StrideArray;
        var shape = new List<int>(x.Rank);
        var strides = new List<int>(x.Rank);
        for (int i = 0; i < x.Rank; i++)
        {
            if (x.ShapeArray[i] == 1 && (dim is null || i == only)) continue;
            shape.Add(x.ShapeArray[i]);
            strides.Add(from[i]);
        }
        var y = new Tensor(x.Storage, [.. shape], [.. strides], x.StorageOffset, x.DType);
        return ShouldRecord(x) ? new Squeeze { _inputShape = x.ShapeArray }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_inputShape)];
}
