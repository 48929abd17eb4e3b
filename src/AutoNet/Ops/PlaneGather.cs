using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y[p, j] = x[p, index[p, j]] for x of shape [P, S] and a fixed index of shape [P, J] (what max pooling picks).
/// ∂y[p, j]/∂x[p, i] = 1 where index[p, j] = i, so grad_x = <see cref="PlaneScatter"/>(grad): each gradient added
/// back to the element it was picked from (the adjoint, whose own backward is this gather again).
/// </summary>
internal sealed class PlaneGather : Node
{
    private readonly int[] _index;
    private readonly int _size;

    private PlaneGather(int[] index, int size) => (_index, _size) = (index, size);

    /// <summary>Picks <paramref name="picks"/> values per row of the [P, S] tensor <paramref name="x"/>; every index is in [0, S).</summary>
    public static Tensor Forward(Tensor x, int[] index, int picks)
    {
        x = x.Contiguous();
        int planes = x.ShapeArray[0], size = x.ShapeArray[1];
        var y = Tensor.ZeroFilled([planes, picks], x.DType, "MaxPool");
        if (x.DType == DType.Float32) Pooling.Gather<float>(x.Span<float>(), y.Span<float>(), index, size, picks);
        else Pooling.Gather<double>(x.Span<double>(), y.Span<double>(), index, size, picks);
        return ShouldRecord(x) ? new PlaneGather(index, size).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [PlaneScatter.Forward(grad, _index, _size)];
}
