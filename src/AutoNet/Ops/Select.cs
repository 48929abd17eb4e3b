using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x[..., index, ...]: the slice at <c>index</c> along <c>dim</c>, that dim removed (a view at an offset).
/// PyTorch: <c>select</c> (and <c>x[i]</c>).
/// ∂y/∂x is 1 on the selected slice and 0 elsewhere, so grad_x = grad placed at index along dim in zeros of x's
/// shape (<see cref="Embed"/>).
/// </summary>
internal sealed class Select : Node
{
    private int[] _inputShape = [];
    private int _dim, _index;

    public static Tensor Forward(Tensor x, int dim, int index)
    {
        if (x.Rank == 0)
            throw new ArgumentException("Select: cannot select from a 0-d tensor; it has no dim to index.");
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "Select");
        int size = x.ShapeArray[d];
        if (index < -size || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Select: index {index} is out of range for dim {d} of size {size} (shape {ShapeUtil.Format(x.ShapeArray)}); expected an index in [{-size}, {size - 1}].");
        int i = index < 0 ? index + size : index;
        var from = x.StrideArray;
        var shape = new int[x.Rank - 1];
        var strides = new int[x.Rank - 1];
        for (int s = 0, t = 0; s < x.Rank; s++)
        {
            if (s == d) continue;
            shape[t] = x.ShapeArray[s];
            strides[t++] = from[s];
        }
        var y = new Tensor(x.Storage, shape, strides, x.StorageOffset + i * from[d], x.DType);
        return ShouldRecord(x) ? new Select { _inputShape = x.ShapeArray, _dim = d, _index = i }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Embed.Forward(grad.Unsqueeze(_dim), _inputShape, _dim, _index)];
}
