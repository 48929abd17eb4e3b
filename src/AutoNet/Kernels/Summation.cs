using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoNet.Kernels;

/// <summary>
/// Every sum in AutoNet, on spans: the sum of a run of numbers, and the sums of the columns of rows (d[j] = Σ_r x[r, j]).
/// Both are pairwise, as NumPy's and (in effect) PyTorch's cascade sums are: a short leaf is added in order (SIMD),
/// and leaves are combined by halving recursively, so that the rounding error grows with log n, not with n
/// (10,000,000 float32 values of 0.1 sum to within 1e-6 of the exact value, not 6e-3 as a running sum does).
/// A sum short enough to be one leaf is computed exactly as a running sum (in vector lanes) computes it.
/// </summary>
internal static class Summation
{
    /// <summary>
    /// Elements (for <see cref="Sum{T}"/>) or rows (for <see cref="SumRows{T}"/>) in a leaf, added in order: at most 256
    /// numbers are ever accumulated one after another (fewer per lane in a vectorised leaf), so a sum of at most this
    /// many gives exactly the bits of a running sum (the moons network's sums of 200 rows are unchanged).
    /// </summary>
    internal const int Leaf = 256;

    /// <summary>
    /// Σ x, pairwise over leaves of at most <see cref="Leaf"/> elements, each summed by
    /// <see cref="TensorPrimitives.Sum{T}(ReadOnlySpan{T})"/> (SIMD lanes); 0 for an empty span.
    /// </summary>
    /// <param name="x">The numbers.</param>
    /// <param name="vectorLeaves">False to add each leaf as a plain running sum ((x₀ + x₁) + x₂ ...) instead of in
    /// vector lanes: PyTorch's order for a row shorter than a vector, which log-softmax's rows keep.</param>
    public static T Sum<T>(ReadOnlySpan<T> x, bool vectorLeaves = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length <= Leaf) return vectorLeaves ? TensorPrimitives.Sum(x) : RunningSum(x);
        if (vectorLeaves && x.Length <= BlockLength<T>()) return BlockSum(x);
        int half = (x.Length / 2) & ~15; // a multiple of 16 elements, so that both halves start on a vector boundary
        return Sum(x[..half], vectorLeaves) + Sum(x[half..], vectorLeaves);
    }

    /// <summary>
    /// Elements in a leaf of a sum longer than <see cref="Leaf"/>: 64 vectors in each of four accumulators, so that at
    /// most 64 values are added one after another in a lane, and a leaf is long enough to make its set-up cost
    /// nothing (4096 float32 values with 512-bit vectors).
    /// </summary>
    private static int BlockLength<T>() =>
        256 * (Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : Vector128<T>.Count);

    private static T BlockSum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated) return BlockSum<T, Vector512<T>, Simd512<T>>(x);
        if (Vector256.IsHardwareAccelerated) return BlockSum<T, Vector256<T>, Simd256<T>>(x);
        if (Vector128.IsHardwareAccelerated) return BlockSum<T, Vector128<T>, Simd128<T>>(x);
        return RunningSum(x[..(x.Length / 2)]) + RunningSum(x[(x.Length / 2)..]);
    }

    private static T BlockSum<T, TV, TS>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        int lanes = TS.Lanes, n = x.Length, i = 0;
        ref T xs = ref MemoryMarshal.GetReference(x);
        TV a0 = TS.Zero, a1 = TS.Zero, a2 = TS.Zero, a3 = TS.Zero;
        for (; i <= n - 4 * lanes; i += 4 * lanes)
        {
            a0 = TS.Add(a0, TS.Load(ref xs, (nuint)i));
            a1 = TS.Add(a1, TS.Load(ref xs, (nuint)(i + lanes)));
            a2 = TS.Add(a2, TS.Load(ref xs, (nuint)(i + 2 * lanes)));
            a3 = TS.Add(a3, TS.Load(ref xs, (nuint)(i + 3 * lanes)));
        }
        for (; i <= n - lanes; i += lanes) a0 = TS.Add(a0, TS.Load(ref xs, (nuint)i));
        Span<T> partial = stackalloc T[lanes];
        TS.Store(TS.Add(TS.Add(a0, a1), TS.Add(a2, a3)), ref MemoryMarshal.GetReference(partial), 0);
        return TensorPrimitives.Sum<T>(partial) + RunningSum(x[i..]);
    }

    private static T RunningSum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in x) sum += v;
        return sum;
    }

    /// <summary>
    /// d[j] = Σ_r x[r·L + j] over the rows r of x (L = d's length, x a whole number of rows): rows combined
    /// pairwise, leaves of at most <see cref="Leaf"/> rows added in order starting from 0.
    /// </summary>
    public static void SumRows<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = d.Length;
        if (width == 0) return;
        int rows = x.Length / width;
        if (rows <= Leaf)
        {
            d.Clear();
            AddRows(x, d);
            return;
        }
        int depth = 0;
        for (int r = rows; r > Leaf; r -= r / 2) depth++;
        var scratch = ArrayPool<T>.Shared.Rent(depth * width);
        try
        {
            PairwiseRows(x, rows, d, scratch.AsSpan(0, depth * width));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>One level of the pairwise recursion; <paramref name="scratch"/> holds a row per level below.</summary>
    private static void PairwiseRows<T>(ReadOnlySpan<T> x, int rows, Span<T> d, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = d.Length;
        if (rows <= Leaf)
        {
            d.Clear();
            AddRows(x, d);
            return;
        }
        int half = rows / 2;
        var other = scratch[..width];
        PairwiseRows(x[..(half * width)], half, d, scratch[width..]);
        PairwiseRows(x[(half * width)..], rows - half, other, scratch[width..]);
        TensorPrimitives.Add(d, other, d);
    }

    /// <summary>
    /// Sums along the middle dim of a shape viewed as [outer, size, inner]: d[o, i] = Σ_k x[o, k, i]. Contiguous
    /// runs (inner = 1) by <see cref="Sum{T}"/>, rows by <see cref="SumRows{T}"/>.
    /// </summary>
    public static void SumDim<T>(ReadOnlySpan<T> x, Span<T> d, int outer, int size, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1) d[o] = Sum(x.Slice(o * size, size));
            else SumRows(x.Slice(o * size * inner, size * inner), d.Slice(o * inner, inner));
        }
    }

    /// <summary>
    /// d[j] += Σ_r x[r·L + j] for the rows r in order (L = d's length): one row after another, a long row with
    /// <see cref="TensorPrimitives.Add{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>, a short one with each vector
    /// of d held in a register across all rows (the same additions, in the same order).
    /// </summary>
    private static void AddRows<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (d.Length >= 64)
            for (int off = 0; off < x.Length; off += d.Length)
                TensorPrimitives.Add(d, x.Slice(off, d.Length), d);
        else if (Vector512.IsHardwareAccelerated && d.Length >= Vector512<T>.Count) AddRows<T, Vector512<T>, Simd512<T>>(x, d);
        else if (Vector256.IsHardwareAccelerated && d.Length >= Vector256<T>.Count) AddRows<T, Vector256<T>, Simd256<T>>(x, d);
        else AddRows<T, Vector128<T>, Simd128<T>>(x, d);
    }

    private static void AddRows<T, TV, TS>(ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        int len = d.Length, lanes = TS.Lanes;
        int vectorEnd = TS.IsHardwareAccelerated ? len - len % lanes : 0;
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(d);
        for (int j = 0; j < vectorEnd; j += lanes)
        {
            TV acc = TS.Load(ref ds, (nuint)j);
            for (int off = j; off < x.Length; off += len) acc = TS.Add(acc, TS.Load(ref xs, (nuint)off));
            TS.Store(acc, ref ds, (nuint)j);
        }
        for (int j = vectorEnd; j < len; j++)
        {
            T acc = d[j];
            for (int off = j; off < x.Length; off += len) acc += x[off];
            d[j] = acc;
        }
    }

    /// <summary>
    /// Sums <paramref name="x"/> (of shape <paramref name="xShape"/>) down to <paramref name="dShape"/>, which must
    /// broadcast to it, writing every element of <paramref name="d"/>: the reverse of broadcasting. The leading dims
    /// x has and d lacks are summed as rows, then each dim where d has 1 and x more, one dim at a time.
    /// </summary>
    public static void SumTo<T>(ReadOnlySpan<T> x, int[] xShape, Span<T> d, int[] dShape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (d.Length == 0) return;
        if (d.Length == 1) { d[0] = Sum(x); return; }
        if (ElementwiseLoops.IsRepeatedBlock(dShape, xShape)) { SumRows(x, d); return; } // x is whole copies of d
        int lead = xShape.Length - dShape.Length;
        int[] shape = xShape[lead..];
        ReadOnlySpan<T> current = x;
        if (lead > 0)
        {
            var rows = new T[Count(shape)];
            SumRows(x, rows);
            current = rows;
        }
        for (int i = 0; i < shape.Length; i++)
        {
            if (dShape[i] != 1 || shape[i] == 1) continue;
            int outer = 1, inner = 1;
            for (int k = 0; k < i; k++) outer *= shape[k];
            for (int k = i + 1; k < shape.Length; k++) inner *= shape[k];
            var next = new T[outer * inner];
            SumDim(current, next, outer, shape[i], inner);
            shape[i] = 1;
            current = next;
        }
        current.CopyTo(d);
    }

    private static int Count(int[] shape)
    {
        int n = 1;
        foreach (int s in shape) n *= s;
        return n;
    }

    /// <summary>Σ x of integers: exact in any order (wrapping on overflow, as PyTorch's int64), so one SIMD pass.</summary>
    public static long SumInt64(ReadOnlySpan<long> x) => TensorPrimitives.Sum(x);

    /// <summary>Σ along the middle dim of x viewed as [outer, size, inner], for integers (exact in any order).</summary>
    public static void SumDimInt64(ReadOnlySpan<long> x, Span<long> d, int outer, int size, int inner)
    {
        d.Clear();
        for (int o = 0; o < outer; o++)
            for (int s = 0; s < size; s++)
                TensorPrimitives.Add(d.Slice(o * inner, inner), x.Slice((o * size + s) * inner, inner), d.Slice(o * inner, inner));
    }
}
