using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoNet.Kernels;

/// <summary>
/// The copies of the blocked matrix product (<see cref="Gemm"/>): B's panels of NR columns and A's panels of 6 rows
/// in the order the micro-kernel reads them, and the strided block copy both are made of.
/// </summary>
internal static class GemmPacking
{
    /// <summary>Packs B panel <paramref name="jp"/> (columns jp·NR ..) for every block of k into <paramref name="packed"/>
    /// from <paramref name="start"/>, zero-padding missing columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackB<T>(Operand<T> b, T[] packed, int start, int k, int n, int depth, int nr, int paddedN, int jp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j0 = jp * nr, cols = Math.Min(nr, n - j0);
        for (int p0 = 0; p0 < k; p0 += depth)
        {
            int kc = Math.Min(depth, k - p0);
            var dst = packed.AsSpan(start + p0 * paddedN + jp * kc * nr, kc * nr);
            if (cols < nr) dst.Clear();
            // Element (p, j) of the block goes to dst[p·NR + j].
            CopyBlock(ref b.Data[b.Offset + p0 * b.RowStride + j0 * b.ColStride], b.RowStride, b.ColStride, ref dst[0], nr, 1, kc, cols);
        }
    }

    /// <summary>Packs rows i0 .. i0+rows, depths p0 .. p0+kc of A into panels of 6 rows (p-major), zero-padding the last panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackA<T>(Operand<T> a, T[] packed, int i0, int rows, int p0, int kc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int mr = GemmMicroKernel.Rows;
        for (int ip = 0; ip * mr < rows; ip++)
        {
            var dst = packed.AsSpan(ip * kc * mr, kc * mr);
            int r0 = i0 + ip * mr, panelRows = Math.Min(mr, rows - ip * mr);
            if (panelRows < mr) dst.Clear();
            // Element (r, p) of the panel goes to dst[p·6 + r].
            CopyBlock(ref a.Data[a.Offset + r0 * a.RowStride + p0 * a.ColStride], a.RowStride, a.ColStride, ref dst[0], 1, mr, panelRows, kc);
        }
    }

    /// <summary>
    /// Copies a rows × cols block between strided layouts: element (r, c) from src[r·srcRow + c·srcCol] to
    /// dst[r·dstRow + c·dstCol], walking the source along whichever of its dims is contiguous. The callers size
    /// both blocks, so no bounds are checked here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CopyBlock<T>(ref T src, int srcRow, int srcCol, ref T dst, int dstRow, int dstCol, int rows, int cols)
    {
        if (srcCol != 1 && srcRow == 1)
        {
            // Transposed source: swap the roles of rows and columns so the inner loop reads contiguously.
            (srcRow, srcCol, dstRow, dstCol, rows, cols) = (srcCol, srcRow, dstCol, dstRow, cols, rows);
        }
        if (srcCol == 1 && dstCol == 1)
        {
            // Both sides contiguous along a row: plain block copies. A short row (a B panel's NR values) is copied a
            // vector at a time here; a call to Memmove per row cost more than the copy itself.
            if (cols <= 64 && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
            {
                for (int r = 0; r < rows; r++)
                    CopyShortRow(ref Unsafe.Add(ref src, (nint)r * srcRow), ref Unsafe.Add(ref dst, (nint)r * dstRow), cols);
                return;
            }
            for (int r = 0; r < rows; r++)
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref src, (nint)r * srcRow), cols)
                    .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dst, (nint)r * dstRow), cols));
            return;
        }
        if (typeof(T) == typeof(float) && Avx.IsSupported && srcCol == 1 && dstRow == 1 && rows >= 8 && cols >= 8)
        {
            // A transpose (a row of the source becomes a column of the destination, as when packing Wᵀ): whole
            // 8 × 8 tiles through registers, then the leftover rows and columns one element at a time.
            int rows8 = rows & ~7, cols8 = cols & ~7;
            for (int r = 0; r < rows8; r += 8)
                for (int c = 0; c < cols8; c += 8)
                    Transpose8x8(ref Unsafe.As<T, float>(ref Unsafe.Add(ref src, (nint)r * srcRow + c)), srcRow, 8,
                        ref Unsafe.As<T, float>(ref Unsafe.Add(ref dst, r + (nint)c * dstCol)), dstCol);
            CopyBlock(ref Unsafe.Add(ref src, (nint)rows8 * srcRow), srcRow, 1, ref Unsafe.Add(ref dst, rows8), 1, dstCol, rows - rows8, cols);
            CopyBlock(ref Unsafe.Add(ref src, cols8), srcRow, 1, ref Unsafe.Add(ref dst, (nint)cols8 * dstCol), 1, dstCol, rows8, cols - cols8);
            return;
        }
        if (typeof(T) == typeof(float) && Avx.IsSupported && srcCol == 1 && dstRow == 1 && dstCol == rows && rows < 8 && cols > 8)
        {
            // A panel of fewer than 8 rows into dense columns (packing 6 rows of A): 8 columns at a time through the
            // same transpose, rows past the last read as zeros. Each column's 8-wide store spills into the start of
            // the next column, which a later store writes, so the last columns go one element at a time.
            int c = 0;
            for (; c + 8 < cols; c += 8)
                Transpose8x8(ref Unsafe.As<T, float>(ref Unsafe.Add(ref src, c)), srcRow, rows,
                    ref Unsafe.As<T, float>(ref Unsafe.Add(ref dst, (nint)c * dstCol)), dstCol);
            CopyBlock(ref Unsafe.Add(ref src, c), srcRow, 1, ref Unsafe.Add(ref dst, (nint)c * dstCol), 1, dstCol, rows, cols - c);
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            ref T s = ref Unsafe.Add(ref src, (nint)r * srcRow);
            ref T d = ref Unsafe.Add(ref dst, (nint)r * dstRow);
            for (int c = 0; c < cols; c++) Unsafe.Add(ref d, (nint)c * dstCol) = Unsafe.Add(ref s, (nint)c * srcCol);
        }
    }

    /// <summary>Copies <paramref name="count"/> (at most 64) float or double values, a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShortRow<T>(ref T src, ref T dst, int count)
    {
        ref byte s = ref Unsafe.As<T, byte>(ref src), d = ref Unsafe.As<T, byte>(ref dst);
        int bytes = count * Unsafe.SizeOf<T>(), i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + 64 <= bytes; i += 64) Vector512.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
        for (; i + 16 <= bytes; i += 16) Vector128.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
        for (; i < bytes; i += 4) Unsafe.As<byte, int>(ref Unsafe.Add(ref d, i)) = Unsafe.As<byte, int>(ref Unsafe.Add(ref s, i));
    }

    /// <summary>dst[j·dstStride + i] = src[i·srcStride + j] for i, j in 0..8, rows i ≥ <paramref name="srcRows"/>
    /// read as zeros: the standard AVX 8 × 8 transpose (interleave pairs, then quadruples, then swap 128-bit halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float src, int srcStride, int srcRows, ref float dst, int dstStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref src), r1 = Row(ref src, srcStride, srcRows, 1),
            r2 = Row(ref src, srcStride, srcRows, 2), r3 = Row(ref src, srcStride, srcRows, 3),
            r4 = Row(ref src, srcStride, srcRows, 4), r5 = Row(ref src, srcStride, srcRows, 5),
            r6 = Row(ref src, srcStride, srcRows, 6), r7 = Row(ref src, srcStride, srcRows, 7);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref dst, 0);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref dst, (nuint)dstStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref dst, (nuint)(2 * dstStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref dst, (nuint)(3 * dstStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref dst, (nuint)(4 * dstStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref dst, (nuint)(5 * dstStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref dst, (nuint)(6 * dstStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref dst, (nuint)(7 * dstStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(ref float src, int stride, int rows, int i) =>
        i < rows ? Vector256.LoadUnsafe(ref src, (nuint)(i * stride)) : Vector256<float>.Zero;
}
