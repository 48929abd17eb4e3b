using AutoNet.Internal;

namespace AutoNet.Data;

/// <summary>
/// A dataset made of tensors that share their first dimension: sample i is row i of each tensor
/// (<c>new TensorDataset(X, y)[i]</c> is <c>[X[i], y[i]]</c>). PyTorch: <c>torch.utils.data.TensorDataset</c>.
/// </summary>
public sealed class TensorDataset : Dataset
{
    private readonly Tensor[] _tensors;

    /// <summary>Wraps <paramref name="tensors"/> (not copied: later changes to them show through).</summary>
    /// <param name="tensors">One or more tensors of rank &gt;= 1 with the same first dimension.</param>
    /// <exception cref="ArgumentException">No tensor, a scalar, or first dimensions that differ.</exception>
    public TensorDataset(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("TensorDataset: needs at least one tensor.", nameof(tensors));
        for (int i = 0; i < tensors.Length; i++)
        {
            if (tensors[i] is null) throw new ArgumentNullException(nameof(tensors), $"TensorDataset: tensor {i} is null.");
            if (tensors[i].Rank == 0)
                throw new ArgumentException($"TensorDataset: tensor {i} is a scalar; each tensor needs a first dimension indexing the samples.", nameof(tensors));
            if (tensors[i].ShapeArray[0] != tensors[0].ShapeArray[0])
                throw new ArgumentException(
                    $"TensorDataset: tensors must share the first dimension (the number of samples); tensor 0 has shape " +
                    $"{ShapeUtil.Format(tensors[0].ShapeArray)} but tensor {i} has shape {ShapeUtil.Format(tensors[i].ShapeArray)}.", nameof(tensors));
        }
        _tensors = (Tensor[])tensors.Clone();
    }

    /// <summary>The wrapped tensors. PyTorch: <c>tensors</c>.</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <inheritdoc/>
    public override int Count => _tensors[0].ShapeArray[0];

    /// <summary>Row <paramref name="index"/> of each tensor (copies, shape = the tensor's shape without its first dimension).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, Count).</exception>
    public override Tensor[] this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"TensorDataset: index {index} is out of range for {Count} samples.");
            return GetBatch([index]).Select(t => new Tensor(t.Storage, t.ShapeArray[1..], t.DType)).ToArray();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">An index is not in [0, Count).</exception>
    public override Tensor[] GetBatch(ReadOnlySpan<int> indices)
    {
        if (indices.Length == 0) throw new ArgumentException("TensorDataset.GetBatch: got no index; a batch needs at least one sample.", nameof(indices));
        var batch = new Tensor[_tensors.Length];
        for (int f = 0; f < _tensors.Length; f++)
        {
            var src = Ops.Contiguous.Owned(_tensors[f]);
            int row = src.Count / Math.Max(1, src.ShapeArray[0]);
            var dst = Tensor.ZeroFilled([indices.Length, .. src.ShapeArray.AsSpan(1)], src.DType, "TensorDataset");
            for (int b = 0; b < indices.Length; b++)
            {
                int i = indices[b];
                if ((uint)i >= (uint)Count)
                    throw new ArgumentOutOfRangeException(nameof(indices), i, $"TensorDataset: index {i} is out of range for {Count} samples.");
                Array.Copy(src.Storage.Data, (long)i * row, dst.Storage.Data, (long)b * row, row);
            }
            batch[f] = dst;
        }
        return batch;
    }
}
