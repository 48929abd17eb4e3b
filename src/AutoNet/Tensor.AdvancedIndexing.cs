using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>
    /// One advanced-index entry of the indexer, applied at <paramref name="dim"/> of <paramref name="x"/>: an Int64
    /// tensor I gives x.IndexSelect(dim, I flattened), reshaped so that I's shape replaces the dim (PyTorch:
    /// <c>C[X]</c>, an embedding lookup); a Bool mask M over dims [dim, dim + M.Rank) picks the positions where M is
    /// true, as one dim. Returns the result and the dim the next entry applies to. The gradient is IndexSelect's: it
    /// accumulates at repeated positions.
    /// </summary>
    private static (Tensor Result, int NextDim) AdvancedIndex(Tensor x, int dim, Tensor index, string op)
    {
        if (index.DType == DType.Bool) return (MaskIndex(x, dim, index, op), dim + 1);
        int size = x.ShapeArray[dim];
        var flat = index.Reshape(-1);
        var negative = flat.Lt(0L);
        if (negative.Sum().ItemInt64() > 0) flat = Where(negative, flat + size, flat); // -1 is the last, as in Python
        var picked = x.IndexSelect(dim, flat);
        int[] shape = [.. x.ShapeArray[..dim], .. index.ShapeArray, .. x.ShapeArray[(dim + 1)..]];
        return (picked.Reshape(shape), dim + index.Rank);
    }

    /// <summary>x[..., M] for a Bool mask M whose shape is x's shape over dims [dim, dim + M.Rank): those dims become
    /// one, of the number of true elements (PyTorch: <c>x[mask]</c>).</summary>
    private static Tensor MaskIndex(Tensor x, int dim, Tensor mask, string op)
    {
        if (mask.Rank == 0) (mask, x) = (mask.Unsqueeze(0), x.Unsqueeze(dim)); // x[True]: a new dim of size 1 (0 for False)
        int end = dim + mask.Rank;
        if (end > x.Rank || !x.ShapeArray.AsSpan(dim, mask.Rank).SequenceEqual(mask.ShapeArray))
            throw new ArgumentException(
                $"{op}: a Bool mask of shape {ShapeUtil.Format(mask.ShapeArray)} does not match the indexed dims {dim}..{end - 1} of shape {ShapeUtil.Format(x.ShapeArray)}; expected the mask's shape to equal those dims' sizes.");
        var positions = mask.Reshape(-1).Nonzero().Reshape(-1);   // flat positions within the masked dims
        return x.Flatten(dim, end - 1).IndexSelect(dim, positions);
    }

    /// <summary>
    /// t[..., I, ...] = value with a tensor entry: the positions the getter would read are computed on an Int64
    /// tensor of flat positions, and the value (broadcast to the getter's shape) is written there, in place.
    /// Positions repeated in I are written once each, in order (the last write wins, as torch's index_put_ without
    /// accumulate on the CPU).
    /// </summary>
    private void PutAdvanced(TensorIndex[] indices, Tensor value)
    {
        const string op = "Indexer set";
        CheckWritable(op);
        if (!IsContiguous)
            throw new InvalidOperationException(
                $"{op}: writing through a tensor index into a non-contiguous view (shape {ShapeUtil.Format(ShapeArray)}, strides {ShapeUtil.Format(StrideArray)}) is not supported; write into a contiguous tensor, or use Where/MaskedFill out of place.");
        Tensor targets, source;
        using (GradMode.Set(false))
        {
            var picked = Arange(Count, DType.Int64).Reshape(ShapeArray).IndexView(indices, op); // the flat positions the getter reads
            if (!ShapeUtil.BroadcastsTo(value.ShapeArray, picked.ShapeArray))
                throw new ArgumentException(
                    $"{op}: a value of shape {ShapeUtil.Format(value.ShapeArray)} does not broadcast to the indexed shape {ShapeUtil.Format(picked.ShapeArray)}.", nameof(value));
            targets = picked.Reshape(-1);
            source = value.To(DType).Expand(picked.ShapeArray).Contiguous().Reshape(-1);
        }
        var at = Ops.Contiguous.Values(targets).Span<long>();
        switch (Storage.Data)
        {
            case double[]: Put(Span<double>(), at, source.Span<double>()); break;
            case float[]: Put(Span<float>(), at, source.Span<float>()); break;
            case long[]: Put(Span<long>(), at, source.Span<long>()); break;
            default: Put(Span<bool>(), at, source.Span<bool>()); break;
        }
        BumpVersion();
    }

    private static void Put<T>(Span<T> into, ReadOnlySpan<long> at, ReadOnlySpan<T> values) where T : unmanaged
    {
        for (int k = 0; k < at.Length; k++) into[(int)at[k]] = values[k];
    }
}
