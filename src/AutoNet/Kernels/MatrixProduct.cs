using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoNet.Kernels;

/// <summary>
/// The matrix product C[m, n] = op(A) · op(B) of row-major matrices, where op(X) is X or Xᵀ read in place (no
/// transposed copy). Large products go to the blocked, vectorised, multi-threaded <see cref="Gemm"/>; small ones
/// (the moons network's) to a direct loop, cheaper than packing. Both compute every element the same way (an FMA
/// chain over each depth block of <see cref="Gemm.Depth"/>), so which path runs never changes a bit. The
/// Tensor-level entry point is AutoNet.Ops.MatMulKernel.
/// </summary>
internal static class MatrixProduct
{
    /// <summary>Products with fewer multiply-adds than this (m·n·k) take the direct loop.</summary>
    private const long DirectThreshold = 16 * 1024;

    /// <summary>
    /// c = op(a) · op(b) for row-major matrices of equal type, where op(x) = xᵀ (read in place) when its flag is set:
    /// a holds [m, k] (or [k, m] transposed), b holds [k, n] (or [n, k] transposed), c receives [m, n]. Every
    /// element of c is written (the first depth block stores, later ones add), except for k = 0, where c must
    /// arrive zeroed. <paramref name="maxThreads"/> bounds the threads the blocked product uses.
    /// </summary>
    public static void Multiply<T>(T[] a, T[] b, T[] c, int m, int k, int n, bool transposeA, bool transposeB, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Multiply(a, b, c, MatrixBatch.Single, m, k, n, transposeA, transposeB, maxThreads);

    /// <summary>
    /// The same product for every pair of matrices in <paramref name="batch"/>: a holds A's matrices one after
    /// another (m·k elements each), b holds B's (k·n each), and C's matrix i (m·n elements from i·m·n) receives
    /// op(A's matrix batch.A(i)) · op(B's matrix batch.B(i)). Nothing is allocated per matrix: large products share
    /// one blocked product (each distinct B packed once), small ones run the direct loop, the threads taking whole
    /// matrices. The bits of each matrix of C are those of the single product.
    /// </summary>
    public static void Multiply<T>(T[] a, T[] b, T[] c, MatrixBatch batch, int m, int k, int n, bool transposeA, bool transposeB, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch.Count == 0 || m == 0 || n == 0 || k == 0) return; // nothing to write, or C = 0 (zeroed)
        // op(A)(i, p) and op(B)(p, j) as strided reads of the row-major storage.
        var opA = transposeA ? new Operand<T>(a, 1, m) : new Operand<T>(a, k, 1);
        var opB = transposeB ? new Operand<T>(b, 1, k) : new Operand<T>(b, n, 1);
        if (IsBlocked(batch, m, k, n, transposeB)) Gemm.Multiply(opA, opB, c, batch, m, k, n, maxThreads);
        else if (batch.Count == 1) Direct(opA, opB, c, 0, m, k, n);
        else DirectBatch(opA, opB, c, batch, m, k, n, maxThreads);
    }

    /// <summary>Whether <see cref="Multiply{T}(T[], T[], T[], MatrixBatch, int, int, int, bool, bool, int)"/> gives
    /// this product to the blocked <see cref="Gemm"/> (else to the direct loop).</summary>
    public static bool IsBlocked(MatrixBatch batch, int m, int k, int n, bool transposeB) =>
        batch.Count > 0 && (long)m * n * k >= DirectThreshold && !FewRows(m, k, n, transposeB);

    /// <summary>
    /// A product with fewer rows than two register tiles whose B rows are contiguous and a whole number of vectors
    /// wide, below four times the parallel size: each element of B is used by so few rows that packing B costs more
    /// than it saves, and the direct loop reads B in place ([10, 256] · [256, 256], the gradient of a 10-class layer's
    /// weight: 31 µs blocked, 17 µs direct).
    /// </summary>
    private static bool FewRows(int m, int k, int n, bool transposeB) =>
        m < 2 * GemmMicroKernel.Rows && !transposeB && (long)m * n * k < 4 * Gemm.ParallelThreshold
        && n % (Vector512.IsHardwareAccelerated ? 64 : 32) == 0;

    /// <summary>
    /// Small products of a batch through the direct loop, threads taking contiguous ranges of matrices. A transposed
    /// B (read across its rows, which defeats the vector loop) is first copied into row-major order in a buffer of
    /// one matrix per thread, while it is in cache, and only when the next product reads another B matrix: the same
    /// values, so the same bits.
    /// </summary>
    private static void DirectBatch<T>(Operand<T> a, Operand<T> b, T[] c, MatrixBatch batch, int m, int k, int n, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool pack = b.ColStride != 1 && n > 1;
        long work = (long)m * n * k * batch.Count;
        int threads = work >= Gemm.ParallelThreshold ? Math.Min(maxThreads, batch.Count) : 1; // the blocked product's rule
        int chunks = threads <= 1 ? 1 : Math.Min(batch.Count, 4 * threads), per = (batch.Count + chunks - 1) / chunks;
        void Chunk(int chunk)
        {
            T[]? buffer = pack ? ArrayPool<T>.Shared.Rent(k * n) : null;
            var rowMajor = pack ? new Operand<T>(buffer!, n, 1) : b;
            int packed = -1;
            for (int i = chunk * per, end = Math.Min(batch.Count, i + per); i < end; i++)
            {
                int j = batch.B(i);
                if (pack && j != packed)
                {
                    var bj = b.At(j * k * n);
                    GemmPacking.CopyBlock(ref bj.Data[bj.Offset], bj.RowStride, bj.ColStride, ref buffer![0], n, 1, k, n);
                    packed = j;
                }

                Direct(a.At(batch.A(i) * m * k), pack ? rowMajor : b.At(j * k * n), c, i * m * n, m, k, n);
            }

            if (buffer is not null) ArrayPool<T>.Shared.Return(buffer);
        }

        if (threads <= 1) Chunk(0);
        else Workers.ForEach(chunks, threads, Chunk);
    }

    /// <summary>The direct loop with the widest vector that fits in a row of C, writing C from <paramref name="cOffset"/>.</summary>
    private static void Direct<T>(Operand<T> a, Operand<T> b, T[] c, int cOffset, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count) Direct<T, Vector512<T>, Simd512<T>>(a, b, c, cOffset, m, k, n);
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count) Direct<T, Vector256<T>, Simd256<T>>(a, b, c, cOffset, m, k, n);
        else Direct<T, Vector128<T>, Simd128<T>>(a, b, c, cOffset, m, k, n);
    }

    /// <summary>
    /// C[i, j] = Σ_p A(i, p) · B(p, j) with the micro-kernel's arithmetic (an FMA chain from 0 per depth block, the
    /// blocks' sums added in order), in "rows of C += A(i, p) · row of B" form: vectors across j where B's rows are
    /// contiguous, scalars for the rest; four rows of C at a time, so that four independent chains keep the FMA
    /// units busy. Every element of C is written (the first block's sum is stored, later ones added).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Direct<T, TV, TS>(Operand<T> a, Operand<T> b, T[] c, int cOffset, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        int depth = Gemm.Depth(k), lanes = TS.Lanes;
        int vectorEnd = b.ColStride == 1 && TS.IsHardwareAccelerated ? n - n % lanes : 0;
        nint ar = a.RowStride, ac = a.ColStride, br = b.RowStride, bc = b.ColStride;
        ref T aData = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a.Data), a.Offset);
        ref T bData = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b.Data), b.Offset);
        ref T cData = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), cOffset);
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
}
