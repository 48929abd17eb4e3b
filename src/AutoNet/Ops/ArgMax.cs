using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// The index of the first maximum (or minimum) along a dim or over all elements, as an Int64 tensor. Not
/// differentiable (an index has no gradient), so it records nothing; it shares <see cref="Reductions.MaxDim"/> with
/// <see cref="Max"/>.
/// </summary>
internal static class ArgMax
{
    /// <summary>The Int64 index of the first maximum (minimum) along <paramref name="dim"/>, or over every element
    /// of the flattened tensor when <paramref name="dim"/> is null. PyTorch: <c>argmax</c>, <c>argmin</c>.</summary>
    public static Tensor Forward(Tensor x, int? dim, bool keepDim, bool min)
    {
        string op = min ? "ArgMin" : "ArgMax";
        ArgumentNullException.ThrowIfNull(x);
        if (dim is null)
        {
            if (x.Count == 0) throw new ArgumentException($"{op}: cannot take the index of the {(min ? "minimum" : "maximum")} of an empty tensor (shape {ShapeUtil.Format(x.ShapeArray)}).");
            var flat = Reductions.MaxDim(x.Contiguous().Detach().Reshape(x.Count), 0, keepDim: false, min).Indices;
            return Reductions.IndexTensor(flat, keepDim ? Enumerable.Repeat(1, x.Rank).ToArray() : []);
        }
        int d = ShapeUtil.NormalizeDim(dim.Value, x.Rank, op);
        if (x.Rank == 0) return Tensor.Zeros([], DType.Int64);
        if (x.ShapeArray[d] == 0)
            throw new ArgumentException($"{op}: cannot take the index of the {(min ? "minimum" : "maximum")} along dim {dim} of size 0 (shape {ShapeUtil.Format(x.ShapeArray)}).");
        var (y, indices) = Reductions.MaxDim(x, d, keepDim, min);
        return Reductions.IndexTensor(indices, y.ShapeArray);
    }

}
