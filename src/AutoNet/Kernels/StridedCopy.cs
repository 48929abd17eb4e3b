using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoNet.Kernels;

/// <summary>
/// Copying the elements of a strided view (any strides, 0 along expanded dims) into another strided layout: what
/// <c>Contiguous()</c> and a write through a view do. A batch of 2-D transposes, the commonest non-contiguous view
/// (<c>x.T</c>, <c>Transpose(-2, -1)</c>), goes through cache-friendly tiles.
/// </summary>
internal static class StridedCopy
{
    /// <summary>
    /// For every index i of <paramref name="shape"/>: dst[dstOffset + Σ i_d·dstStrides_d] = src[srcOffset + Σ
    /// i_d·srcStrides_d]. The two regions must not overlap (the caller copies an overlapping source first).
    /// </summary>
    public static void Copy<T>(ReadOnlySpan<T> src, int srcOffset, ReadOnlySpan<int> srcStrides,
        Span<T> dst, int dstOffset, ReadOnlySpan<int> dstStrides, ReadOnlySpan<int> shape) where T : unmanaged
    {
        int rank = shape.Length;
        if (rank == 0) { dst[dstOffset] = src[srcOffset]; return; }
        if (shape.Contains(0)) return;
        if (IsTransposedBatch(srcStrides, shape) && Internal.ViewLayout.IsRowMajor(shape, dstStrides))
        {
            int rows = shape[^2], cols = shape[^1], size = rows * cols, batches = 1;
            for (int d = 0; d < rank - 2; d++) batches *= shape[d];
            // src holds each [cols, rows] matrix row-major; dst wants it [rows, cols].
            for (int b = 0; b < batches; b++)
                Transpose2D(src.Slice(srcOffset + b * size, size), dst.Slice(dstOffset + b * size, size), cols, rows);
            return;
        }
        // An odometer over all dims but the last, and a strided loop along the last.
        int inner = shape[^1], sIn = srcStrides[^1], dIn = dstStrides[^1];
        Span<int> index = rank <= 16 ? stackalloc int[rank] : new int[rank];
        index.Clear();
        int s = srcOffset, t = dstOffset;
        while (true)
        {
            if (sIn == 1 && dIn == 1) src.Slice(s, inner).CopyTo(dst.Slice(t, inner));
            else
                for (int j = 0, sj = s, tj = t; j < inner; j++, sj += sIn, tj += dIn) dst[tj] = src[sj];
            int d = rank - 2;
            for (; d >= 0; d--)
            {
                s += srcStrides[d];
                t += dstStrides[d];
                if (++index[d] < shape[d]) break;
                s -= srcStrides[d] * shape[d];
                t -= dstStrides[d] * shape[d];
                index[d] = 0;
            }
            if (d < 0) return;
        }
    }

    /// <summary>Strides of a row-major batch of [cols, rows] matrices viewed transposed as [rows, cols].</summary>
    private static bool IsTransposedBatch(ReadOnlySpan<int> strides, ReadOnlySpan<int> shape)
    {
        int rank = shape.Length;
        if (rank < 2 || shape[^1] < 2 || shape[^2] < 2 || strides[^2] != 1 || strides[^1] != shape[^2]) return false;
        int expected = shape[^1] * shape[^2];
        for (int d = rank - 3; d >= 0; d--)
        {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /// <summary>y[c, r] = x[r, c] for an x of rows × cols, in 32 × 32 tiles so both sides stay in L1.</summary>
    private static void Transpose2D<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged
    {
        const int tile = 32;
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(y);
        for (int r0 = 0; r0 < rows; r0 += tile)
            for (int c0 = 0; c0 < cols; c0 += tile)
            {
                int r1 = Math.Min(rows, r0 + tile), c1 = Math.Min(cols, c0 + tile);
                for (int c = c0; c < c1; c++)
                {
                    // One row of y (contiguous writes) from one column of the x tile (reads 32 lines kept in L1).
                    ref T yRow = ref Unsafe.Add(ref dst, (nint)c * rows);
                    ref T xCol = ref Unsafe.Add(ref src, c);
                    for (int r = r0; r < r1; r++) Unsafe.Add(ref yRow, r) = Unsafe.Add(ref xCol, (nint)r * cols);
                }
            }
    }
}
