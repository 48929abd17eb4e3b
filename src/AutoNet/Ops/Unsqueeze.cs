namespace AutoNet.Ops;

/// <summary>
/// y = x with a new dim of size 1 inserted at <c>dim</c> (a view). PyTorch: <c>unsqueeze</c>.
/// The elements are the same, so grad_x = grad with that dim removed (reshaped to x's shape).
/// </summary>
internal sealed class Unsqueeze : Node
{
    private int[] _inputShape = [];

    public static Tensor Forward(Tensor x, int dim)
    {
        int rank = x.Rank;
        if (dim < -rank - 1 || dim > rank)
            throw new ArgumentOutOfRangeException(nameof(dim), dim,
                $"Unsqueeze: dim {dim} is out of range for a tensor of rank {rank} (expected a dim in [{-rank - 1}, {rank}]).");
        int d = dim < 0 ? dim + rank + 1 : dim;
        var from = x.StrideArray;
        var shape = new int[rank + 1];
        var strides = new int[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++)
        {
            if (i == d)
            {
                shape[i] = 1;
                strides[i] = d < rank ? x.ShapeArray[d] * from[d] : 1;
                continue;
            }
            shape[i] = x.ShapeArray[j];
            strides[i] = from[j++];
        }
        var y = new Tensor(x.Storage, shape, strides, x.StorageOffset, x.DType);
        return ShouldRecord(x) ? new Unsqueeze { _inputShape = x.ShapeArray }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_inputShape)];
}
