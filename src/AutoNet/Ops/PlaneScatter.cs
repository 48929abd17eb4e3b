using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// x[p, i] = Σ_{j : index[p, j] = i} y[p, j] for y of shape [P, J] and a fixed index: the adjoint of
/// <see cref="PlaneGather"/> (max pooling's backward). It is linear with ∂x[p, i]/∂y[p, j] = 1 where index[p, j] = i,
/// so grad_y = <see cref="PlaneGather"/>(grad) with the same index.
/// </summary>
internal sealed class PlaneScatter : Node
{
    private readonly int[] _index;
    private readonly int _picks;

    private PlaneScatter(int[] index, int picks) => (_index, _picks) = (index, picks);

    /// <summary>Adds each row of the [P, J] tensor <paramref name="y"/> into a zero [P, <paramref name="size"/>] tensor at the indices.</summary>
    public static Tensor Forward(Tensor y, int[] index, int size)
    {
        y = y.Contiguous();
        int planes = y.ShapeArray[0], picks = y.ShapeArray[1];
        var x = Tensor.ZeroFilled([planes, size], y.DType, "MaxPool");
        if (y.DType == DType.Float32) Pooling.ScatterAdd<float>(y.Span<float>(), x.Span<float>(), index, size, picks);
        else Pooling.ScatterAdd<double>(y.Span<double>(), x.Span<double>(), index, size, picks);
        return ShouldRecord(y) ? new PlaneScatter(index, picks).Attach(x, [y]) : x;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [PlaneGather.Forward(grad, _index, _picks)];
}
