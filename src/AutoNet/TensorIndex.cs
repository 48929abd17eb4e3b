namespace AutoNet;

/// <summary>
/// One entry of a tensor index <c>t[i, j, ...]</c>: an <c>int</c> or <see cref="System.Index"/> (<c>^1</c>) picks
/// one position and removes the dim; a <see cref="System.Range"/> (<c>1..3</c>, <c>..</c>) keeps the dim, clamped as
/// a Python slice. Built by implicit conversion, so <c>x[1, 1..3]</c> reads as in PyTorch (<c>x[1, 1:3]</c>).
/// PyTorch: the entries of <c>tensor[...]</c> (basic indexing).
/// </summary>
/// <remarks>
/// A tensor entry (an Int64 tensor for advanced indexing, a Bool mask) is a further <see cref="TensorIndexKind"/>
/// with its value in a field of its own; the indexer dispatches on <see cref="Kind"/>.
/// </remarks>
public readonly struct TensorIndex
{
    private TensorIndex(TensorIndexKind kind, Index single, Range range)
    {
        Kind = kind;
        Single = single;
        Range = range;
    }

    /// <summary>What this entry is.</summary>
    public TensorIndexKind Kind { get; }

    /// <summary>The position, for <see cref="TensorIndexKind.Single"/>.</summary>
    public Index Single { get; }

    /// <summary>The range, for <see cref="TensorIndexKind.Slice"/>.</summary>
    public Range Range { get; }

    /// <summary>One position; a negative int counts from the end, as in Python (-1 is the last).</summary>
    public static implicit operator TensorIndex(int index) =>
        new(TensorIndexKind.Single, index < 0 ? Index.FromEnd(-(long)index > int.MaxValue ? int.MaxValue : -index) : Index.FromStart(index), default);

    /// <summary>One position, from the start or (<c>^k</c>) from the end.</summary>
    public static implicit operator TensorIndex(Index index) => new(TensorIndexKind.Single, index, default);

    /// <summary>A slice; out-of-range ends are clamped and an empty range gives a dim of size 0, as Python slices.</summary>
    public static implicit operator TensorIndex(Range range) => new(TensorIndexKind.Slice, default, range);

    /// <summary>Makes an entry from an int (for languages without implicit conversions).</summary>
    public static TensorIndex FromInt32(int index) => index;

    /// <summary>Makes an entry from an <see cref="System.Index"/>.</summary>
    public static TensorIndex FromIndex(Index index) => index;

    /// <summary>Makes an entry from a <see cref="System.Range"/>.</summary>
    public static TensorIndex FromRange(Range range) => range;

    /// <inheritdoc/>
    public override string ToString() => Kind == TensorIndexKind.Single ? Single.ToString() : Range.ToString();
}

/// <summary>The kinds of <see cref="TensorIndex"/> entry.</summary>
public enum TensorIndexKind
{
    /// <summary>One position (<c>int</c> or <c>^k</c>): the dim is removed.</summary>
    Single,

    /// <summary>A range (<c>a..b</c>): the dim is kept, narrowed.</summary>
    Slice,
}
