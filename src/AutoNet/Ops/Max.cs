using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = max (or min) of x along a dim, with the index of the first maximum (minimum), which wins ties as in PyTorch.
/// ∂y/∂x_i = 1 for the element that was selected and 0 for the others, so grad_x = expand(grad) * onehot(argmax):
/// the whole gradient goes to the first maximum (PyTorch 1.13's <c>max(dim)</c>; <see cref="Amax"/> splits ties).
/// </summary>
internal sealed class Max : Node
{
    private readonly SavedTensor _onehot;
    private readonly int[] _keptShape;
    private readonly bool _min;

    private Max(Tensor onehot, int[] keptShape, bool min)
    {
        _onehot = Save(onehot);
        _keptShape = keptShape;
        _min = min;
    }

    public override string Name => _min ? "Min" : "Max";

    /// <summary>The values along <paramref name="dim"/>.</summary>
    public static Tensor Forward(Tensor x, int dim, bool keepDim, bool min = false) => WithIndices(x, dim, keepDim, min).Values;

    /// <summary>The values and the Int64 indices of the first maximum (minimum) along <paramref name="dim"/>.
    /// PyTorch: <c>max(dim, keepdim)</c>.</summary>
    public static (Tensor Values, Tensor Indices) WithIndices(Tensor x, int dim, bool keepDim, bool min = false)
    {
        string op = min ? "Min" : "Max";
        ArgumentNullException.ThrowIfNull(x);
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, op);
        if (x.Rank == 0) return (ShouldRecord(x) ? x.Reshape() : x.Detach(), Tensor.Zeros([], DType.Int64));
        if (x.ShapeArray[d] == 0)
            throw new ArgumentException($"{op}: cannot take the {(min ? "minimum" : "maximum")} along dim {dim} of size 0 (shape {ShapeUtil.Format(x.ShapeArray)}).");
        var (y, indices) = Reductions.MaxDim(x, d, keepDim, min);
        var indexTensor = Reductions.IndexTensor(indices, y.ShapeArray);
        if (!ShouldRecord(x)) return (y, indexTensor);
        var onehot = Tensor.ZeroFilled(x.ShapeArray, x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, d);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int flat = (o * size + indices[o * inner + i]) * inner + i;
                if (x.DType == DType.Float32) onehot.Span<float>()[flat] = 1; else onehot.Span<double>()[flat] = 1;
            }
        return (new Max(onehot, ShapeUtil.Reduced(x.ShapeArray, d, keepDim: true), min).Attach(y, [x]), indexTensor);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [Expand.Forward(grad.Reshape(_keptShape), _onehot.Value.ShapeArray) * _onehot.Value];
}
