using System.Numerics;
using System.Runtime.CompilerServices;
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
        var c = Tensor.Empty([m, n], a.DType);
        if (maxThreads <= 0) maxThreads = Environment.ProcessorCount;
        if (a.DType == DType.Float32) Multiply(a.Data<float>(), b.Data<float>(), c.Data<float>(), m, k, n, transposeA, transposeB, maxThreads);
        else Multiply(a.Data<double>(), b.Data<double>(), c.Data<double>(), m, k, n, transposeA, transposeB, maxThreads);
        return c;
    }

    private static void Multiply<T>(T[] a, T[] b, T[] c, int m, int k, int n, bool transposeA, bool transposeB, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0) return; // C is already zero
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
    /// C[i, j] = Σ_p A(i, p) · B(p, j) with the micro-kernel's arithmetic (an FMA chain per depth block, blocks
    /// added in order), in "row of C += A(i, p) · row of B" form: vectors across j where B's rows are contiguous,
    /// scalars for the rest.
    /// </summary>
    private static void Direct<T, TV, TS>(Operand<T> a, Operand<T> b, T[] c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        int depth = Gemm.Depth(k), lanes = TS.Lanes;
        int vectorEnd = b.ColStride == 1 && TS.IsHardwareAccelerated ? n - n % lanes : 0;
        T[] bd = b.Data;
        for (int i = 0; i < m; i++)
        {
            ref T cRow = ref c[i * n];
            for (int j = 0; j < vectorEnd; j += lanes)
                for (int p0 = 0; p0 < k; p0 += depth)
                {
                    TV acc = TS.Zero;
                    for (int p = p0, end = Math.Min(k, p0 + depth); p < end; p++)
                        acc = TS.MultiplyAdd(TS.Broadcast(a[i, p]), TS.Load(ref bd[p * b.RowStride], (nuint)j), acc);
                    TS.Store(TS.Add(TS.Load(ref cRow, (nuint)j), acc), ref cRow, (nuint)j);
                }
            for (int j = vectorEnd; j < n; j++)
                for (int p0 = 0; p0 < k; p0 += depth)
                {
                    T acc = T.Zero;
                    for (int p = p0, end = Math.Min(k, p0 + depth); p < end; p++)
                        acc = T.FusedMultiplyAdd(a[i, p], b[p, j], acc);
                    Unsafe.Add(ref cRow, j) += acc;
                }
        }
    }

    /// <summary>Swaps two dimensions, copying into a new contiguous tensor.</summary>
    public static Tensor Transpose(Tensor x, int dim0, int dim1)
    {
        var shape = (int[])x.ShapeArray.Clone();
        (shape[dim0], shape[dim1]) = (shape[dim1], shape[dim0]);
        var y = Tensor.Empty(shape, x.DType);
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

    /// <summary>y[c, r] = x[r, c] for an x of rows × cols, in 32 × 32 tiles so both sides stay in cache.</summary>
    private static void Transpose2D<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged
    {
        const int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile)
            for (int c0 = 0; c0 < cols; c0 += tile)
            {
                int r1 = Math.Min(rows, r0 + tile), c1 = Math.Min(cols, c0 + tile);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++) y[c * rows + r] = x[r * cols + c];
            }
    }
}
