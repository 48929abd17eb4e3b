namespace AutoNet;

/// <summary>
/// One entry of a tensor index <c>t[i, j, ...]</c>: an <c>int</c> or <see cref="System.Index"/> (<c>^1</c>) picks
/// one position and removes the dim; a <see cref="System.Range"/> (<c>1..3</c>, <c>..</c>) keeps the dim, clamped as
/// a Python slice. Built by implicit conversion, so <c>x[1, 1..3]</c> reads as in PyTorch (<c>x[1, 1:3]</c>).
/// PyTorch: the entries of <c>tensor[...]</c> (basic indexing).
/// </summary>
/// <remarks>
/// A tensor entry (an Int64 tensor for advanced indexing, a Bool mask) is the kind <see cref="TensorIndexKind.Tensor"/>
/// with its value in <see cref="Tensor"/>; the indexer dispatches on <see cref="Kind"/>. One tensor entry per index.
/// </remarks>
public readonly struct TensorIndex
{
    private TensorIndex(TensorIndexKind kind, Index single, Range range, Tensor? tensor = null)
    {
        Kind = kind;
        Single = single;
        Range = range;
        Tensor = tensor;
    }

    /// <summary>What this entry is.</summary>
    public TensorIndexKind Kind { get; }

    /// <summary>The position, for <see cref="TensorIndexKind.Single"/>.</summary>
    public Index Single { get; }

    /// <summary>The range, for <see cref="TensorIndexKind.Slice"/>.</summary>
    public Range Range { get; }

    /// <summary>The Int64 index tensor or Bool mask, for <see cref="TensorIndexKind.Tensor"/>.</summary>
    public Tensor? Tensor { get; }

    /// <summary>One position; a negative int counts from the end, as in Python (-1 is the last).</summary>
    public static implicit operator TensorIndex(int index) =>
        new(TensorIndexKind.Single, index < 0 ? Index.FromEnd(-(long)index > int.MaxValue ? int.MaxValue : -index) : Index.FromStart(index), default);

    /// <summary>One position, from the start or (<c>^k</c>) from the end.</summary>
    public static implicit operator TensorIndex(Index index) => new(TensorIndexKind.Single, index, default);

    /// <summary>A slice; out-of-range ends are clamped and an empty range gives a dim of size 0, as Python slices.</summary>
    public static implicit operator TensorIndex(Range range) => new(TensorIndexKind.Slice, default, range);

    /// <summary>
    /// Advanced indexing: an Int64 tensor picks positions along the dim (its shape replaces the dim; negative values
    /// count from the end), a Bool mask picks the positions where it is true over as many dims as it has (they are
    /// replaced by one dim). The result is a copy; its gradient accumulates at repeated positions.
    /// </summary>
    public static implicit operator TensorIndex(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DType is not (DType.Int64 or DType.Bool))
            throw new ArgumentException(
                $"Indexer: a tensor index must be Int64 (positions) or Bool (a mask), got {tensor.DType.Name()} of shape {Internal.ShapeUtil.Format(tensor.ShapeArray)}; convert positions with To(DType.Int64).", nameof(tensor));
        return new(TensorIndexKind.Tensor, default, default, tensor);
    }

    /// <summary>Makes an entry from an Int64 index tensor or a Bool mask.</summary>
    public static TensorIndex FromTensor(Tensor tensor) => tensor;

    /// <summary>Makes an entry from an int (for languages without implicit conversions).</summary>
    public static TensorIndex FromInt32(int index) => index;

    /// <summary>Makes an entry from an <see cref="System.Index"/>.</summary>
    public static TensorIndex FromIndex(Index index) => index;

    /// <summary>Makes an entry from a <see cref="System.Range"/>.</summary>
    public static TensorIndex FromRange(Range range) => range;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        TensorIndexKind.Single => Single.ToString(),
        TensorIndexKind.Slice => Range.ToString(),
        _ => $"{Tensor!.DType.Name()} tensor {Internal.ShapeUtil.Format(Tensor.ShapeArray)}",
    };
}

/// <summary>The kinds of <see cref="TensorIndex"/> entry.</summary>
public enum TensorIndexKind
{
    /// <summary>One position (<c>int</c> or <c>^k</c>): the dim is removed.</summary>
    Single,

    /// <summary>A range (<c>a..b</c>): the dim is kept, narrowed.</summary>
    Slice,

    /// <summary>An Int64 index tensor or a Bool mask (advanced indexing): the result is a copy.</summary>
    Tensor,
}
