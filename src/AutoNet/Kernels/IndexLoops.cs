using System.Numerics;
using AutoNet.Internal;

namespace AutoNet.Kernels;

/// <summary>
/// The loops of the index ops, on spans: picking slices or elements by Int64 indices (IndexSelect, Gather) and
/// adding into them (IndexAdd, ScatterAdd; a repeated index accumulates). Callers have checked every index is in range.
/// </summary>
internal static class IndexLoops
{
    /// <summary>The first position in <paramref name="index"/> whose value is outside [0, size), or -1.</summary>
    public static int FirstOutOfRange(ReadOnlySpan<long> index, int size)
    {
        for (int i = 0; i < index.Length; i++)
            if ((ulong)index[i] >= (ulong)size) return i;
        return -1;
    }

    /// <summary>y[o, j, :] = x[o, index[j], :], shapes viewed as [outer, size, inner] (x) and [outer, index.Length, inner] (y).</summary>
    public static void Select<T>(ReadOnlySpan<T> x, ReadOnlySpan<long> index, Span<T> y, int outer, int size, int inner)
    {
        int n = index.Length;
        for (int o = 0; o < outer; o++)
        {
            int xBase = o * size * inner, yBase = o * n * inner;
            if (inner == 1)
                for (int j = 0; j < n; j++) y[yBase + j] = x[xBase + (int)index[j]];
            else
                for (int j = 0; j < n; j++)
                    x.Slice(xBase + (int)index[j] * inner, inner).CopyTo(y.Slice(yBase + j * inner, inner));
        }
    }

    /// <summary>d[o, index[j], :] += s[o, j, :], shapes viewed as [outer, size, inner] (d) and [outer, index.Length, inner] (s).</summary>
    public static void Add<T>(Span<T> d, ReadOnlySpan<long> index, ReadOnlySpan<T> s, int outer, int size, int inner)
        where T : unmanaged, INumberBase<T>
    {
        int n = index.Length;
        for (int o = 0; o < outer; o++)
        {
            int dBase = o * size * inner, sBase = o * n * inner;
            for (int j = 0; j < n; j++)
            {
                var dst = d.Slice(dBase + (int)index[j] * inner, inner);
                var src = s.Slice(sBase + j * inner, inner);
                for (int i = 0; i < inner; i++) dst[i] += src[i];
            }
        }
    }

    /// <summary>
    /// y[p] = x[p with coordinate <paramref name="dim"/> replaced by index[p]] for every position p of the index
    /// (y has the index's shape; x's other sizes are at least the index's).
    /// </summary>
    public static void Gather<T>(ReadOnlySpan<T> x, int[] xShape, ReadOnlySpan<long> index, int[] indexShape, Span<T> y, int dim)
    {
        var walk = new Walk(indexShape, xShape, indexShape, dim);
        for (int p = 0; p < index.Length; p++, walk.Next())
            y[p] = x[walk.A + (int)index[p] * walk.DimStride];
    }

    /// <summary>
    /// d[p with coordinate <paramref name="dim"/> replaced by index[p]] += s[p] for every position p of the index
    /// (s is of <paramref name="sShape"/>, at least the index's in every dim; d's other sizes are at least the index's).
    /// </summary>
    public static void ScatterAdd<T>(Span<T> d, int[] dShape, ReadOnlySpan<long> index, int[] indexShape, ReadOnlySpan<T> s, int[] sShape, int dim)
        where T : unmanaged, INumberBase<T>
    {
        var walk = new Walk(indexShape, dShape, sShape, dim);
        for (int p = 0; p < index.Length; p++, walk.Next())
            d[walk.A + (int)index[p] * walk.DimStride] += s[walk.B];
    }

    /// <summary>The number of elements that are not zero (not false; a NaN counts as nonzero, -0.0 as zero).</summary>
    public static int CountNonzero<T>(ReadOnlySpan<T> x) where T : IEquatable<T>
    {
        int n = 0;
        for (int i = 0; i < x.Length; i++)
            if (!x[i].Equals(default)) n++;
        return n;
    }

    /// <summary>The coordinates of every nonzero element of x (of <paramref name="shape"/>), row-major, one row of rank values each.</summary>
    public static void Nonzero<T>(ReadOnlySpan<T> x, int[] shape, Span<long> coordinates) where T : IEquatable<T>
    {
        int rank = shape.Length, row = 0;
        Span<int> at = stackalloc int[rank];
        for (int i = 0; i < x.Length; i++)
        {
            if (!x[i].Equals(default))
            {
                for (int k = 0; k < rank; k++) coordinates[row * rank + k] = at[k];
                row++;
            }
            for (int k = rank - 1; k >= 0 && ++at[k] == shape[k]; k--) at[k] = 0;
        }
    }

    /// <summary>The flat (row-major) positions of the true elements of <paramref name="mask"/>.</summary>
    public static void FlatNonzero(ReadOnlySpan<bool> mask, Span<long> positions)
    {
        int n = 0;
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) positions[n++] = i;
    }

    /// <summary>
    /// Walks the positions of an index shape in row-major order, keeping the offset of the same coordinates in two
    /// other arrays: A (coordinate <c>dim</c> left out, added by the caller from the index value) and B (all coordinates).
    /// </summary>
    private struct Walk
    {
        private readonly int[] _shape, _strideA, _strideB, _counter;
        public readonly int DimStride;
        public int A, B;

        public Walk(int[] indexShape, int[] aShape, int[] bShape, int dim)
        {
            _shape = indexShape;
            _strideA = ShapeUtil.Strides(aShape);
            _strideB = ShapeUtil.Strides(bShape);
            DimStride = indexShape.Length == 0 ? 1 : _strideA[dim];
            if (indexShape.Length > 0) _strideA[dim] = 0;
            _counter = new int[indexShape.Length];
            A = B = 0;
        }

        public void Next()
        {
            for (int k = _shape.Length - 1; k >= 0; k--)
            {
                A += _strideA[k];
                B += _strideB[k];
                if (++_counter[k] < _shape[k]) return;
                A -= _counter[k] * _strideA[k];
                B -= _counter[k] * _strideB[k];
                _counter[k] = 0;
            }
        }
    }
}
