namespace AutoNet.Ops;

/// <summary>
/// y = zeros of <c>shape</c> with x written at [start, start + x.shape[dim]) along <c>dim</c>: the gradient of a
/// slice (<see cref="Narrow"/>, <see cref="Select"/>) placed back into its base's shape. PyTorch:
/// <c>slice_backward</c>.
/// y is x on that slice and 0 elsewhere, so grad_x = grad narrowed to the slice.
/// </summary>
internal sealed class Embed : Node
{
    private int _dim, _start, _length;

    public static Tensor Forward(Tensor x, int[] shape, int dim, int start)
    {
        var y = Tensor.ZeroFilled((int[])shape.Clone(), x.DType);
        int length = x.ShapeArray[dim];
        Contiguous.Write(Narrow.Slice(y, dim, start, length), x);
        return ShouldRecord(x) ? new Embed { _dim = dim, _start = start, _length = length }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Narrow.Slice(grad, _dim, _start, _length)];
}
