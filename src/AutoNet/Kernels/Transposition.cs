using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AutoNet.Internal;

namespace AutoNet.Kernels;

/// <summary>Swapping two dimensions of a row-major array, into a new contiguous array.</summary>
internal static class Transposition
{
    /// <summary>
    /// y = x (of <paramref name="shape"/>) with dims <paramref name="dim0"/> and <paramref name="dim1"/> swapped;
    /// every element of y (of x's length) is written.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> x, Span<T> y, int[] shape, int dim0, int dim1) where T : unmanaged
    {
        int rank = shape.Length;
        if (Math.Min(dim0, dim1) == rank - 2 && Math.Max(dim0, dim1) == rank - 1)
        {
            // The last two dims: a batch of 2-D transposes.
            int rows = shape[^2], cols = shape[^1], size = rows * cols;
            for (int offset = 0; offset + size <= x.Length && size > 0; offset += size)
                Transpose2D(x.Slice(offset, size), y.Slice(offset, size), rows, cols);
            return;
        }
        // General case: y's strides are x's with dim0 and dim1 swapped; walk y in order and read x at the permuted index.
        var xStrides = ShapeUtil.Strides(shape);
        var yShape = (int[])shape.Clone();
        (yShape[dim0], yShape[dim1]) = (yShape[dim1], yShape[dim0]);
        var readStrides = (int[])xStrides.Clone();
        (readStrides[dim0], readStrides[dim1]) = (readStrides[dim1], readStrides[dim0]);
        var index = new int[rank];
        int src = 0;
        for (int dst = 0; dst < y.Length; dst++)
        {
            y[dst] = x[src];
            for (int d = rank - 1; d >= 0; d--)
            {
                src += readStrides[d];
                if (++index[d] < yShape[d]) break;
                src -= readStrides[d] * yShape[d];
                index[d] = 0;
            }
        }
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
