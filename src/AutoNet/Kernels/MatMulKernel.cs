using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoNet.Kernels;

/// <summary>
/// The matrix product C[m, n] = op(A) · op(B) of row-major matrices, where op(X) is X or Xᵀ read in place (no
/// transposed copy). Large products go to the blocked, vectorised, multi-threaded <see cref="Gemm"/>; small ones
/// (the moons network's) to a direct loop, cheaper than packing. Both compute every element the same way (an FMA
/// chain over each depth block of <see cref="Gemm.Depth"/>), so which path runs never changes a bit.
/// </summary>
internal static class MatMulKernel
{
    /// <summary>Products with fewer multiply-adds than this (m·n·k) take the direct loop.</summary>
    private const long DirectThreshold = 16 * 1024;

    /// <summary>Multiplies 2-D tensors of equal dtype: [m, k] · [k, n] → [m, n].</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Multiply(a, b, transposeA: false, transposeB: false);

    /// <summary>
    /// op(a) · op(b) for 2-D tensors of equal dtype, where op(x) = xᵀ when its flag is set: a is [m, k] (or [k, m]
    /// transposed), b is [k, n] (or [n, k] transposed); the result is a new [m, n] tensor.
    /// </summary>
    /// <remarks><paramref name="maxThreads"/> bounds the threads used (0: one per core); tests vary it to check that
    /// the count changes nothing.</remarks>
    public static Tensor Multiply(Tensor a, Tensor b, bool transposeA, bool transposeB, int maxThreads = 0)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        int m = transposeA ? sa[1] : sa[0], k = transposeA ? sa[0] : sa[1], n = transposeB ? sb[0] : sb[1];
        // Both paths write every element of C (the first depth block stores, later ones add); only k = 0 needs zeros.
        var c = k > 0 ? Elementwise.Uninitialized([m, n], a.DType) : Tensor.ZeroFilled([m, n], a.DType);
        if (maxThreads <= 0) maxThreads = Environment.ProcessorCount;
        if (a.DType == DType.Float32) Multiply(a.Data<float>(), b.Data<float>(), c.Data<float>(), m, k, n, transposeA, transposeB, maxThreads);
        else Multiply(a.Data<double>(), b.Data<double>(), c.Data<double>(), m, k, n, transposeA, transposeB, maxThreads);
        return c;
    }

    private static void Multiply<T>(T[] a, T[] b, T[] c, int m, int k, int n, bool transposeA, bool transposeB, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0) return; // nothing to write, or C = 0 (zeroed)
        // op(A)(i, p) and op(B)(p, j) as strided reads of the row-major storage.
        var opA = transposeA ? new Operand<T>(a, 1, m) : new Operand<T>(a, k, 1);
        var opB = transposeB ? new Operand<T>(b, 1, k) : new Operand<T>(b, n, 1);
        if ((long)m * n * k >= DirectThreshold) Gemm.Multiply(opA, opB, c, m, k, n, maxThreads);
        // Direct loop, with the widest vector that fits in a row of C.
        else if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count) Direct<T, Vector512<T>, Simd512<T>>(opA, opB, c, m, k, n);
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count) Direct<T, Vector256<T>, Simd256<T>>(opA, opB, c, m, k, n);
        else Direct<T, Vector128<T>, Simd128<T>>(opA, opB, c, m, k, n);
    }

    /// <summary>
    /// C[i, j] = Σ_p A(i, p) · B(p, j) with the micro-kernel's arithmetic (an FMA chain from 0 per depth block, the
    /// blocks' sums added in order), in "rows of C += A(i, p) · row of B" form: vectors across j where B's rows are
    /// contiguous, scalars for the rest; four rows of C at a time, so that four independent chains keep the FMA
    /// units busy. Every element of C is written (the first block's sum is stored, later ones added).
    /// </summary>
    private static void Direct<T, TV, TS>(Operand<T> a, Operand<T> b, T[] c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        int depth = Gemm.Depth(k), lanes = TS.Lanes;
        int vectorEnd = b.ColStride == 1 && TS.IsHardwareAccelerated ? n - n % lanes : 0;
        nint ar = a.RowStride, ac = a.ColStride, br = b.RowStride, bc = b.ColStride;
        ref T aData = ref MemoryMarshal.GetArrayDataReference(a.Data);
        ref T bData = ref MemoryMarshal.GetArrayDataReference(b.Data);
        ref T cData = ref MemoryMarshal.GetArrayDataReference(c);
        for (int p0 = 0; p0 < k; p0 += depth)
        {
            int count = Math.Min(depth, k - p0);
            bool first = p0 == 0;
            for (int j = 0; j < n; j += j < vectorEnd ? lanes : 1)
            {
                bool vector = j < vectorEnd;
                ref T aDepth = ref Unsafe.Add(ref aData, p0 * ac);
                ref T bCol = ref Unsafe.Add(ref bData, p0 * br + j * bc);
                ref T cCol = ref Unsafe.Add(ref cData, j);
                for (int i0 = 0; i0 < m; i0 += 4)
                {
                    int rows = Math.Min(4, m - i0);
                    ref T aRows = ref Unsafe.Add(ref aDepth, i0 * ar);
                    ref T cRows = ref Unsafe.Add(ref cCol, (nint)i0 * n);
                    if (vector) Block4<T, TV, TS>(ref aRows, ar, ac, ref bCol, br, count, ref cRows, n, rows, first);
                    else Block4(ref aRows, ar, ac, ref bCol, br, count, ref cRows, n, rows, first);
                }
            }
        }
    }

    /// <summary>
    /// Rows i..i+3 of C at one vector of columns, over one depth block: C(r, j..) (=|+=) Σ_p A(r, p) · B(p, j..),
    /// four independent FMA chains. With fewer than four rows left, the last row is computed again in the spare
    /// chains and not stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4<T, TV, TS>(ref T a, nint ar, nint ac, ref T b, nint br, int count, ref T c, nint n, int rows, bool first)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        nint r1 = rows > 1 ? 1 : 0, r2 = rows > 2 ? 2 : r1, r3 = rows > 3 ? 3 : r2;
        ref T a0 = ref a, a1 = ref Unsafe.Add(ref a, r1 * ar), a2 = ref Unsafe.Add(ref a, r2 * ar), a3 = ref Unsafe.Add(ref a, r3 * ar);
        TV acc0 = TS.Zero, acc1 = TS.Zero, acc2 = TS.Zero, acc3 = TS.Zero;
        for (int p = 0; p < count; p++)
        {
            TV bv = TS.Load(ref b, 0);
            acc0 = TS.MultiplyAdd(TS.Broadcast(a0), bv, acc0);
            acc1 = TS.MultiplyAdd(TS.Broadcast(a1), bv, acc1);
            acc2 = TS.MultiplyAdd(TS.Broadcast(a2), bv, acc2);
            acc3 = TS.MultiplyAdd(TS.Broadcast(a3), bv, acc3);
            a0 = ref Unsafe.Add(ref a0, ac); a1 = ref Unsafe.Add(ref a1, ac);
            a2 = ref Unsafe.Add(ref a2, ac); a3 = ref Unsafe.Add(ref a3, ac);
            b = ref Unsafe.Add(ref b, br);
        }
        StoreOrAdd<T, TV, TS>(ref c, acc0, first);
        if (rows > 1) StoreOrAdd<T, TV, TS>(ref Unsafe.Add(ref c, n), acc1, first);
        if (rows > 2) StoreOrAdd<T, TV, TS>(ref Unsafe.Add(ref c, 2 * n), acc2, first);
        if (rows > 3) StoreOrAdd<T, TV, TS>(ref Unsafe.Add(ref c, 3 * n), acc3, first);
    }

    /// <summary>The same as <see cref="Block4{T, TV, TS}"/> for one column, in scalars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4<T>(ref T a, nint ar, nint ac, ref T b, nint br, int count, ref T c, nint n, int rows, bool first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint r1 = rows > 1 ? 1 : 0, r2 = rows > 2 ? 2 : r1, r3 = rows > 3 ? 3 : r2;
        ref T a0 = ref a, a1 = ref Unsafe.Add(ref a, r1 * ar), a2 = ref Unsafe.Add(ref a, r2 * ar), a3 = ref Unsafe.Add(ref a, r3 * ar);
        T acc0 = T.Zero, acc1 = T.Zero, acc2 = T.Zero, acc3 = T.Zero;
        for (int p = 0; p < count; p++)
        {
            acc0 = T.FusedMultiplyAdd(a0, b, acc0);
            acc1 = T.FusedMultiplyAdd(a1, b, acc1);
            acc2 = T.FusedMultiplyAdd(a2, b, acc2);
            acc3 = T.FusedMultiplyAdd(a3, b, acc3);
            a0 = ref Unsafe.Add(ref a0, ac); a1 = ref Unsafe.Add(ref a1, ac);
            a2 = ref Unsafe.Add(ref a2, ac); a3 = ref Unsafe.Add(ref a3, ac);
            b = ref Unsafe.Add(ref b, br);
        }
        StoreOrAdd(ref c, acc0, first);
        if (rows > 1) StoreOrAdd(ref Unsafe.Add(ref c, n), acc1, first);
        if (rows > 2) StoreOrAdd(ref Unsafe.Add(ref c, 2 * n), acc2, first);
        if (rows > 3) StoreOrAdd(ref Unsafe.Add(ref c, 3 * n), acc3, first);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOrAdd<T>(ref T element, T value, bool first) where T : IFloatingPointIeee754<T> =>
        element = first ? value : element + value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOrAdd<T, TV, TS>(ref T at, TV value, bool first) where T : unmanaged where TV : struct where TS : ISimd<TV, T> =>
        TS.Store(first ? value : TS.Add(TS.Load(ref at, 0), value), ref at, 0);

    /// <summary>Swaps two dimensions, copying into a new contiguous tensor.</summary>
    public static Tensor Transpose(Tensor x, int dim0, int dim1)
    {
        var shape = (int[])x.ShapeArray.Clone();
        (shape[dim0], shape[dim1]) = (shape[dim1], shape[dim0]);
        var y = Elementwise.Uninitialized(shape, x.DType);
        if (x.DType == DType.Float32) Transpose<float>(x.Span<float>(), y.Span<float>(), x.ShapeArray, dim0, dim1);
        else Transpose<double>(x.Span<double>(), y.Span<double>(), x.ShapeArray, dim0, dim1);
        return y;
    }

    private static void Transpose<T>(ReadOnlySpan<T> x, Span<T> y, int[] shape, int dim0, int dim1) where T : unmanaged
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
        var xStrides = Internal.ShapeUtil.Strides(shape);
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
