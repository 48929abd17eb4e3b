using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The Tensor-level entry point of the matrix product (the span-level kernel is <see cref="MatrixProduct"/>).</summary>
internal static class MatMulKernel
{
    /// <summary>Multiplies 2-D tensors of equal dtype: [m, k] · [k, n] → [m, n].</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Multiply(a, b, transposeA: false, transposeB: false);

    /// <summary>
    /// op(a) · op(b) for tensors of equal dtype with at least 2 dims, where op(x) swaps x's last two dims when its flag
    /// is set: a is [*, m, k] (or [*, k, m] transposed), b is [*, k, n] (or [*, n, k] transposed), and the leading
    /// (batch) dims broadcast against each other; the result is a new [batch, m, n] tensor, each of its matrices the
    /// product of the matching matrices (a broadcast matrix read, and packed, once). A left side with batch dims by a
    /// matrix ([*, m, k] · [k, n], a not transposed) is one product of all the rows of a: [M, k] · [k, n].
    /// </summary>
    /// <remarks><paramref name="maxThreads"/> bounds the threads used (0: one per core); tests vary it to check that
    /// the count changes nothing.</remarks>
    public static Tensor Multiply(Tensor a, Tensor b, bool transposeA, bool transposeB, int maxThreads = 0)
    {
        a = Contiguous.Owned(a);
        b = Contiguous.Owned(b);
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        int m = transposeA ? sa[^1] : sa[^2], k = transposeA ? sa[^2] : sa[^1], n = transposeB ? sb[^2] : sb[^1];
        int[] batchShape = BatchShape(sa, sb);
        int[] shape = [.. batchShape, m, n];
        var batch = MatrixBatch.Single;
        if (!transposeA && sb.Length == 2) m = sa.Length == 2 ? m : ShapeUtil.Count(sa.AsSpan(0, sa.Length - 1), "MatMul"); // [*, m, k] as rows [M, k]
        else if (sa.Length > 2 || sb.Length > 2) batch = Batch(sa.AsSpan(0, sa.Length - 2), sb.AsSpan(0, sb.Length - 2), batchShape);
        // The kernel writes every element of C (the first depth block stores, later ones add), so only k = 0 needs
        // zeros; but a small C of the blocked product is taken zeroed all the same (see CachedOutputBytes).
        long cBytes = ShapeUtil.Count(shape, "MatMul") * (long)(a.DType == DType.Float32 ? 4 : 8);
        bool zeroed = k == 0 || (cBytes <= CachedOutputBytes && MatrixProduct.IsBlocked(batch, m, k, n, transposeB));
        var c = zeroed ? Tensor.Zeros(shape, a.DType) : Elementwise.Uninitialized(shape, a.DType);
        if (maxThreads <= 0) maxThreads = Environment.ProcessorCount;
        if (a.DType == DType.Float32) MatrixProduct.Multiply(a.Data<float>(), b.Data<float>(), c.Data<float>(), batch, m, k, n, transposeA, transposeB, maxThreads);
        else MatrixProduct.Multiply(a.Data<double>(), b.Data<double>(), c.Data<double>(), batch, m, k, n, transposeA, transposeB, maxThreads);
        return c;
    }

    /// <summary>
    /// Up to this size a product's output is allocated zeroed although every element is then written: the runtime's
    /// zeroing leaves the memory in cache, while an uninitialised array is fresh memory, and the kernel's tile stores
    /// (six rows at a time, far apart) then miss on every line. Measured on [32, 30]·[30, 200]ᵀ (25 KB out):
    /// 12.1–13.1 µs into an uninitialised array, 7.7–9.2 µs into a zeroed one. The direct loop of small products
    /// writes C row by row and is left out: with its outputs zeroed too, the moons epoch (float64, all direct) read
    /// 25.8 → 31.0 and 22.9 → 25.4 ms in two alternating runs, and as before once they were left out.
    /// </summary>
    private const long CachedOutputBytes = 256 * 1024;

    /// <summary>
    /// The broadcast of the batch dims (all but the last two) of two shapes, or null when they do not broadcast.
    /// </summary>
    public static int[]? TryBatchShape(int[] sa, int[] sb)
    {
        int ra = sa.Length - 2, rb = sb.Length - 2, rank = Math.Max(ra, rb);
        var batch = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= ra ? sa[ra - i] : 1, db = i <= rb ? sb[rb - i] : 1;
            if (da != db && da != 1 && db != 1) return null;
            batch[rank - i] = da == 1 ? db : da;
        }
        return batch;
    }

    private static int[] BatchShape(int[] sa, int[] sb) =>
        TryBatchShape(sa, sb) ?? throw new ArgumentException(
            $"MatMul: the batch dims of shapes {ShapeUtil.Format(sa)} and {ShapeUtil.Format(sb)} do not broadcast.");

    /// <summary>
    /// For each matrix of the broadcast batch (row-major order), the matrix of a and of b it reads: the identity
    /// (null) on a side whose batch dims are the whole batch, else the index walked with stride 0 along broadcast dims.
    /// </summary>
    private static MatrixBatch Batch(ReadOnlySpan<int> aBatch, ReadOnlySpan<int> bBatch, int[] batchShape)
    {
        int count = ShapeUtil.Count(batchShape, "MatMul"), aCount = ShapeUtil.Count(aBatch, "MatMul"), bCount = ShapeUtil.Count(bBatch, "MatMul");
        return new MatrixBatch(count, aCount == count ? null : Indices(aBatch, batchShape, count),
            bCount == count ? null : Indices(bBatch, batchShape, count), bCount);
    }

    private static int[] Indices(ReadOnlySpan<int> own, int[] batchShape, int count)
    {
        // Strides of the operand's own batch dims, aligned right against the batch shape; 0 where it broadcasts.
        int rank = batchShape.Length;
        var strides = new int[rank];
        for (int d = rank - 1, s = 1, o = own.Length - 1; d >= 0; d--, o--)
        {
            int size = o >= 0 ? own[o] : 1;
            strides[d] = size == 1 ? 0 : s;
            s *= size;
        }
        var indices = new int[count];
        var index = new int[rank];
        for (int i = 0, at = 0; i < count; i++)
        {
            indices[i] = at;
            for (int d = rank - 1; d >= 0; d--)
            {
                at += strides[d];
                if (++index[d] < batchShape[d]) break;
                at -= strides[d] * batchShape[d];
                index[d] = 0;
            }
        }
        return indices;
    }
}
