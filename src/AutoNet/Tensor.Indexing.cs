using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>
    /// Basic indexing, as PyTorch's <c>t[...]</c>: each entry applies to the next dim; an int or <c>^k</c> selects
    /// one position and removes the dim, a range (<c>1..3</c>, <c>..</c>, <c>^2..</c>) keeps it; dims left over are
    /// taken whole. The result is a view sharing this tensor's storage (no copy); its gradient is placed back into
    /// zeros of this tensor's shape.
    /// Setting writes the value (a tensor broadcast to the view's shape, or a number) through the view, in place.
    /// PyTorch: <c>t[i, a:b]</c> and <c>t[i, a:b] = v</c>.
    /// </summary>
    /// <exception cref="ArgumentException">More entries than dims.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A position is out of range for its dim (ranges are clamped instead).</exception>
    /// <exception cref="InvalidOperationException">Setting, outside <see cref="Autograd.NoGrad"/>, into a tensor that
    /// requires grad: AutoNet does not record in-place copies.</exception>
    [System.Runtime.CompilerServices.IndexerName("At")] // Item is taken by Item()
    public Tensor this[params TensorIndex[] indices]
    {
        get => IndexView(indices, "Indexer");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckWritable("Indexer set");
            if (indices.Any(e => e.Kind == TensorIndexKind.Tensor))
            {
                PutAdvanced(indices, value);
                return;
            }
            Tensor view;
            using (GradMode.Set(false)) view = IndexView(indices, "Indexer set");
            view.CopyFrom(value);
        }
    }

    /// <summary>Writes <paramref name="value"/> into every element of the indexed view. PyTorch: <c>t[...] = value</c>.</summary>
    /// <param name="value">The number to write.</param>
    /// <param name="indices">The index entries, as for the indexer.</param>
    public void Fill(double value, params TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        this[indices] = Scalar(value, DType);
    }

    private Tensor IndexView(TensorIndex[] indices, string op)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int consumed = indices.Sum(e => e.Kind == TensorIndexKind.Tensor && e.Tensor!.DType == DType.Bool ? e.Tensor.Rank : 1);
        if (consumed > Rank)
            throw new ArgumentException(
                $"{op}: too many indices for a tensor of shape {ShapeUtil.Format(ShapeArray)}: got {indices.Length} ({string.Join(", ", indices)}), covering {consumed} dims, expected at most {Rank}.", nameof(indices));
        if (indices.Count(e => e.Kind == TensorIndexKind.Tensor) > 1)
            throw new ArgumentException(
                $"{op}: got {indices.Count(e => e.Kind == TensorIndexKind.Tensor)} tensor indices; AutoNet supports one per index (PyTorch broadcasts several together). Combine them into one, or use Gather.", nameof(indices));
        var result = this;
        int dim = 0; // the dim of `result` the next entry applies to
        for (int k = 0; k < indices.Length; k++)
        {
            var entry = indices[k];
            int size = result.ShapeArray[dim];
            switch (entry.Kind)
            {
                case TensorIndexKind.Single:
                {
                    int i = entry.Single.IsFromEnd ? size - entry.Single.Value : entry.Single.Value;
                    if (i < 0 || i >= size)
                        throw new ArgumentOutOfRangeException(nameof(indices), entry.ToString(),
                            $"{op}: index {(entry.Single.IsFromEnd ? "^" + entry.Single.Value + " (" + -entry.Single.Value + ")" : entry.Single.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))} " +
                            $"is out of range for dim {k} of size {size} (shape {ShapeUtil.Format(ShapeArray)}).");
                    result = Ops.Select.Forward(result, dim, i);
                    break;
                }
                case TensorIndexKind.Tensor:
                    (result, dim) = AdvancedIndex(result, dim, entry.Tensor!, op);
                    break;
                default:
                {
                    int start = Clamp(entry.Range.Start, size), end = Clamp(entry.Range.End, size);
                    result = Ops.Narrow.Slice(result, dim, start, Math.Max(0, end - start));
                    dim++;
                    break;
                }
            }
        }
        return ReferenceEquals(result, this) ? Ops.Reshape.Forward(this, ShapeArray) : result; // t[] is an alias view
    }

    private static int Clamp(Index index, int size)
    {
        long at = index.IsFromEnd ? (long)size - index.Value : index.Value;
        return (int)Math.Clamp(at, 0, size);
    }

    /// <summary>Refuses an in-place write that autograd cannot see: into a tensor that requires grad, outside NoGrad.</summary>
    private void CheckWritable(string op)
    {
        if (!RequiresGrad || !GradMode.IsEnabled) return;
        if (IsLeaf)
            throw new InvalidOperationException(
                $"{op}: a leaf tensor that requires grad is being used in an in-place operation (PyTorch: \"a leaf Variable that requires grad is being used in an in-place operation\"). " +
                "Write inside using (Autograd.NoGrad()) { ... }, e.g. to initialise a parameter.");
        throw new InvalidOperationException(
            $"{op}: this tensor was computed by {GradFn!.Name} and is part of a graph; AutoNet does not record in-place copies, so writing into it would " +
            "make its gradient wrong. Build the new values out of place (e.g. with Tensor ops), or Detach() first.");
    }
}
