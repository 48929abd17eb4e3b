using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = max of x along a dim (values; the first maximum wins ties, as in PyTorch).
/// ∂y/∂x_i = 1 for the element that was selected and 0 for the others, so grad_x = expand(grad) * onehot(argmax).
/// </summary>
internal sealed class Max : Node
{
    private readonly SavedTensor _onehot;
    private readonly int[] _keptShape;

    private Max(Tensor onehot, int[] keptShape)
    {
        _onehot = Save(onehot);
        _keptShape = keptShape;
    }

    public static Tensor Forward(Tensor x, int dim, bool keepDim)
    {
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "Max");
        if (x.Rank == 0) return ShouldRecord(x) ? x.Reshape() : x.Detach();
        if (x.ShapeArray[d] == 0)
            throw new ArgumentException($"Max: cannot take the maximum along dim {dim} of size 0 (shape {ShapeUtil.Format(x.ShapeArray)}).");
        var (y, indices) = Reductions.MaxDim(x, d, keepDim);
        if (!ShouldRecord(x)) return y;
        var onehot = Tensor.ZeroFilled(x.ShapeArray, x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, d);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int flat = (o * size + indices[o * inner + i]) * inner + i;
                if (x.DType == DType.Float32) onehot.Span<float>()[flat] = 1; else onehot.Span<double>()[flat] = 1;
            }
        return new Max(onehot, ShapeUtil.Reduced(x.ShapeArray, d, keepDim: true)).Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [Expand.Forward(grad.Reshape(_keptShape), _onehot.Value.ShapeArray) * _onehot.Value];

}
