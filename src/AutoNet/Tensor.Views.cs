using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>
    /// The same elements in another shape (row-major order); one size may be -1 (inferred). A view sharing this
    /// tensor's storage when strides allow it (always when contiguous), else a copy. PyTorch: <c>reshape</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shape's element count differs, or it has two -1s or a negative size.</exception>
    public Tensor Reshape(params int[] shape) => Ops.Reshape.Forward(this, shape);

    /// <summary>
    /// A view with another shape (row-major order; one size may be -1), sharing this tensor's storage; never copies.
    /// PyTorch: <c>view</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No strides can express the new shape over this view's memory
    /// (e.g. flattening a transposed tensor): use <see cref="Reshape"/>, which copies then.</exception>
    public Tensor View(params int[] shape) => Ops.Reshape.Forward(this, shape, viewOnly: true);

    /// <summary>Swaps two dims: a view (no copy) with their sizes and strides exchanged. PyTorch: <c>transpose(dim0, dim1)</c>.</summary>
    public Tensor Transpose(int dim0, int dim1) => Ops.Transpose.Forward(this, dim0, dim1);

    /// <summary>The transpose of a 2-D tensor, a view (a 0-d or 1-D tensor is returned as it is). PyTorch: <c>T</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than 2 dims.</exception>
    public Tensor T => Rank switch
    {
        < 2 => this,
        2 => Transpose(0, 1),
        _ => throw new InvalidOperationException($"T: defined for tensors of at most 2 dims, this one has shape {ShapeUtil.Format(ShapeArray)}; use Transpose(dim0, dim1)."),
    };

    /// <summary>A view with the dims reordered: dim i of the result is dim <c>dims[i]</c> of this tensor. PyTorch: <c>permute</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of this tensor's dims.</exception>
    public Tensor Permute(params int[] dims) => Ops.Permute.Forward(this, dims);

    /// <summary>A view with a new dim of size 1 at <paramref name="dim"/> (in [-Rank-1, Rank]). PyTorch: <c>unsqueeze</c>.</summary>
    public Tensor Unsqueeze(int dim) => Ops.Unsqueeze.Forward(this, dim);

    /// <summary>A view without any dim of size 1. PyTorch: <c>squeeze()</c>.</summary>
    public Tensor Squeeze() => Ops.Squeeze.Forward(this, null);

    /// <summary>A view without <paramref name="dim"/> if its size is 1 (else the same shape). PyTorch: <c>squeeze(dim)</c>.</summary>
    public Tensor Squeeze(int dim) => Ops.Squeeze.Forward(this, dim);

    /// <summary>
    /// A view broadcast to <paramref name="sizes"/> without copying: dims of size 1 and new leading dims get
    /// stride 0, so the copies share memory; -1 keeps a dim's size. The gradient sums over the copies.
    /// PyTorch: <c>expand</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A size differs from an existing size that is not 1.</exception>
    public Tensor Expand(params int[] sizes) => Ops.Expand.Forward(this, sizes);

    /// <summary>The slice at <paramref name="index"/> (negative counts from the end) along <paramref name="dim"/>, that
    /// dim removed: a view. PyTorch: <c>select(dim, index)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [-size, size).</exception>
    public Tensor Select(int dim, int index) => Ops.Select.Forward(this, dim, index);

    /// <summary>The view of <paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>.
    /// PyTorch: <c>narrow(dim, start, length)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit in the dim.</exception>
    public Tensor Narrow(int dim, int start, int length) => Ops.Narrow.Forward(this, dim, start, length);

    /// <summary>
    /// Merges dims <paramref name="startDim"/>..<paramref name="endDim"/> into one (a view when strides allow, as
    /// <see cref="Reshape"/>); a 0-d tensor becomes 1-D. PyTorch: <c>flatten(start_dim, end_dim)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">startDim comes after endDim.</exception>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        var shape = ShapeArray;
        if (shape.Length == 0) return Reshape(1);
        int start = ShapeUtil.NormalizeDim(startDim, shape.Length, "Flatten");
        int end = ShapeUtil.NormalizeDim(endDim, shape.Length, "Flatten");
        if (start > end)
            throw new ArgumentException(
                $"Flatten: startDim {startDim} comes after endDim {endDim} for an input of shape {ShapeUtil.Format(shape)}; expected startDim <= endDim.");
        var result = new int[shape.Length - (end - start)];
        int merged = 1;
        for (int i = start; i <= end; i++) merged *= shape[i];
        for (int i = 0, j = 0; i < shape.Length; i++)
            if (i <= start || i > end) result[j++] = i == start ? merged : shape[i];
        return Reshape(result);
    }

    /// <summary>
    /// Splits <paramref name="dim"/> into several dims of <paramref name="sizes"/> (one may be -1), a view.
    /// PyTorch: <c>unflatten(dim, sizes)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes' product differs from the dim's size.</exception>
    public Tensor Unflatten(int dim, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Unflatten");
        if (Rank == 0) throw new ArgumentException("Unflatten: cannot unflatten a 0-d tensor.");
        if (sizes.Length == 0) throw new ArgumentException("Unflatten: sizes must not be empty.", nameof(sizes));
        long product = 1;
        int inferred = 0;
        foreach (int s in sizes) { if (s == -1) inferred++; else product *= s; }
        if (inferred > 1 || (inferred == 0 ? product != ShapeArray[d] : product == 0 || ShapeArray[d] % product != 0))
            throw new ArgumentException(
                $"Unflatten: sizes {ShapeUtil.Format(sizes)} do not multiply to the size {ShapeArray[d]} of dim {d} (shape {ShapeUtil.Format(ShapeArray)}).", nameof(sizes));
        int[] shape = [.. ShapeArray.AsSpan(0, d), .. sizes, .. ShapeArray.AsSpan(d + 1)];
        return Reshape(shape);
    }

    /// <summary>
    /// Views of consecutive pieces of <paramref name="size"/> elements along <paramref name="dim"/>; the last is
    /// shorter when the size does not divide. PyTorch: <c>split(split_size, dim)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="size"/> is negative, or 0 for a non-empty dim.</exception>
    public Tensor[] Split(int size, int dim = 0)
    {
        int d = SplitDim(dim, "Split");
        int n = ShapeArray[d];
        if (size < 0 || (size == 0 && n != 0))
            throw new ArgumentException($"Split: split size {size} is invalid for dim {d} of size {n}; expected a size >= 1.", nameof(size));
        int pieces = size == 0 ? 1 : Math.Max(1, (n + size - 1) / size);
        var result = new Tensor[pieces];
        for (int i = 0; i < pieces; i++)
        {
            int start = i * size;
            result[i] = Ops.Narrow.Slice(this, d, start, Math.Min(size, n - start));
        }
        return result;
    }

    /// <summary>Views of consecutive pieces of the given <paramref name="sizes"/> along <paramref name="dim"/>, which must
    /// add up to its size. PyTorch: <c>split([sizes], dim)</c>.</summary>
    /// <exception cref="ArgumentException">A size is negative, or they do not add up to the dim's size.</exception>
    public Tensor[] Split(int[] sizes, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = SplitDim(dim, "Split");
        long total = 0;
        foreach (int s in sizes)
        {
            if (s < 0) throw new ArgumentException($"Split: sizes {ShapeUtil.Format(sizes)} contain a negative size {s}.", nameof(sizes));
            total += s;
        }
        if (total != ShapeArray[d])
            throw new ArgumentException(
                $"Split: sizes {ShapeUtil.Format(sizes)} add up to {total}, but dim {d} has size {ShapeArray[d]} (shape {ShapeUtil.Format(ShapeArray)}).", nameof(sizes));
        var result = new Tensor[sizes.Length];
        for (int i = 0, start = 0; i < sizes.Length; start += sizes[i], i++)
            result[i] = Ops.Narrow.Slice(this, d, start, sizes[i]);
        return result;
    }

    /// <summary>
    /// At most <paramref name="chunks"/> views along <paramref name="dim"/>, each of ceil(size / chunks) elements
    /// but the last (so fewer chunks may come back, as in PyTorch). PyTorch: <c>chunk(chunks, dim)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="chunks"/> is less than 1.</exception>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks < 1) throw new ArgumentException($"Chunk: chunks must be at least 1, got {chunks}.", nameof(chunks));
        int d = SplitDim(dim, "Chunk");
        int n = ShapeArray[d];
        return Split(n == 0 ? 0 : (n + chunks - 1) / chunks, d);
    }

    private int SplitDim(int dim, string op)
    {
        if (Rank == 0) throw new ArgumentException($"{op}: cannot split a 0-d tensor; it has no dim.");
        return ShapeUtil.NormalizeDim(dim, Rank, op);
    }
}
