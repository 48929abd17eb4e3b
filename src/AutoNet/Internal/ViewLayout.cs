namespace AutoNet.Internal;

/// <summary>
/// Where a view's elements are in its storage: element (i0, i1, ...) is at <c>Offset + Σ i_d · Strides[d]</c>.
/// A tensor that is its whole storage in row-major order has none (<see cref="Tensor.Layout"/> is null).
/// </summary>
internal sealed class ViewLayout(int[] strides, int offset, int count, bool contiguous)
{
    /// <summary>Elements to step per unit of each dim (0 along an expanded dim); never mutated.</summary>
    public readonly int[] Strides = strides;

    /// <summary>Storage index of element (0, 0, ...).</summary>
    public readonly int Offset = offset;

    /// <summary>The number of elements (the product of the shape).</summary>
    public readonly int Count = count;

    /// <summary>Row-major and gapless from <see cref="Offset"/> (PyTorch's <c>is_contiguous</c>).</summary>
    public readonly bool Contiguous = contiguous;

    /// <summary>The storage index of the element at row-major position <paramref name="flat"/>.</summary>
    public int StorageIndex(ReadOnlySpan<int> shape, int flat)
    {
        if (Contiguous) return Offset + flat;
        int at = Offset;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            int size = shape[d];
            if (size == 0) return Offset;
            at += flat % size * Strides[d];
            flat /= size;
        }
        return at;
    }

    /// <summary>Whether <paramref name="strides"/> are exactly the row-major strides of <paramref name="shape"/>.</summary>
    public static bool IsDefault(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int expected = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /// <summary>
    /// PyTorch's <c>is_contiguous</c>: row-major and gapless, where a dim of size 1 may have any stride and a tensor
    /// with no element is always contiguous.
    /// </summary>
    public static bool IsRowMajor(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        if (shape.Contains(0)) return true;
        int expected = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 1) continue;
            if (strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /// <summary>
    /// The strides that view a tensor of <paramref name="shape"/> and <paramref name="strides"/> as
    /// <paramref name="newShape"/> (same element count) without copying, or null when no strides can (a dim of the
    /// new shape would span two separately strided chunks). PyTorch's <c>computeStride</c>.
    /// </summary>
    public static int[]? ViewStrides(int[] shape, int[] strides, int[] newShape)
    {
        var result = new int[newShape.Length];
        if (shape.Contains(0) || shape.Length == 0)
            return shape.Length == 0 || !shape.AsSpan().SequenceEqual(newShape) ? ShapeUtil.Strides(newShape) : (int[])strides.Clone();
        int viewD = newShape.Length - 1;
        long chunkBase = strides[^1], tensorNumel = 1, viewNumel = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            tensorNumel *= shape[d];
            if (d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1))
                {
                    result[viewD] = (int)(viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0)
                {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? result : null;
    }
}
