using AutoNet.Internal;

namespace AutoNet.Data;

/// <summary>
/// A collection of samples addressed by index, each sample a few tensors (features, label, ...), for
/// <see cref="DataLoader"/>. A subclass gives <see cref="Count"/> and the indexer; it may override
/// <see cref="GetBatch"/> to gather a batch faster. PyTorch: <c>torch.utils.data.Dataset</c> (map-style).
/// </summary>
public abstract class Dataset
{
    /// <summary>The number of samples. PyTorch: <c>__len__</c>.</summary>
    public abstract int Count { get; }

    /// <summary>Sample <paramref name="index"/>: one tensor per field, all samples' fields of the same shapes and dtypes.
    /// PyTorch: <c>__getitem__</c>.</summary>
    public abstract Tensor[] this[int index] { get; }

    /// <summary>
    /// The samples at <paramref name="indices"/>, stacked: field k of the batch has shape [indices.Length, ...the
    /// sample's field shape] (PyTorch's <c>default_collate</c>, i.e. <c>torch.stack</c> per field). The tensors
    /// are new and not part of any autograd graph.
    /// </summary>
    /// <exception cref="ArgumentException">No index, or samples whose fields differ in number, shape or dtype.</exception>
    public virtual Tensor[] GetBatch(ReadOnlySpan<int> indices)
    {
        if (indices.Length == 0) throw new ArgumentException($"{GetType().Name}.GetBatch: got no index; a batch needs at least one sample.", nameof(indices));
        var first = this[indices[0]];
        var batch = new Tensor[first.Length];
        for (int f = 0; f < first.Length; f++)
            batch[f] = Tensor.ZeroFilled([indices.Length, .. first[f].ShapeArray], first[f].DType, "GetBatch");
        for (int b = 0; b < indices.Length; b++)
        {
            var sample = b == 0 ? first : this[indices[b]];
            if (sample.Length != first.Length)
                throw new ArgumentException($"{GetType().Name}.GetBatch: sample {indices[b]} has {sample.Length} fields, sample {indices[0]} has {first.Length}.", nameof(indices));
            for (int f = 0; f < first.Length; f++)
            {
                var t = sample[f];
                if (t.DType != first[f].DType || !t.ShapeArray.AsSpan().SequenceEqual(first[f].ShapeArray))
                    throw new ArgumentException(
                        $"{GetType().Name}.GetBatch: field {f} of sample {indices[b]} has shape {ShapeUtil.Format(t.ShapeArray)} ({t.DType}), " +
                        $"but sample {indices[0]}'s has shape {ShapeUtil.Format(first[f].ShapeArray)} ({first[f].DType}); samples must match to be stacked.", nameof(indices));
                var values = Ops.Contiguous.Values(t);
                if (t.DType == DType.Float32) values.Span<float>().CopyTo(batch[f].Span<float>().Slice(b * t.Count));
                else values.Span<double>().CopyTo(batch[f].Span<double>().Slice(b * t.Count));
            }
        }
        return batch;
    }
}
