using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AutoNet.Internal;

namespace AutoNet.Kernels;

/// <summary>
/// A unary elementwise kernel: reads x and writes every element of y (same length; y arrives uninitialised), for
/// any float type. Ops define one as a small struct next to their forward, usually a call into
/// <see cref="System.Numerics.Tensors.TensorPrimitives"/> (SIMD). Being a struct used through a generic parameter,
/// the call is resolved at JIT time: no virtual call, no allocation.
/// </summary>
internal interface IUnaryKernel
{
    void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// A binary elementwise kernel in the three shapes the broadcasting loop needs: span with span, span with a
/// scalar, scalar with span. Each writes every element of d (which arrives uninitialised).
/// </summary>
internal interface IBinaryKernel
{
    void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>;
    void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>;
    void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>The elementwise loop drivers: one for unary maps, one for broadcasting binary ops.</summary>
internal static class Elementwise
{
    /// <summary>
    /// A new tensor whose every element the caller is about to write: its memory is not zeroed first (for the
    /// outputs of maps, binary ops, copies; never for a kernel that accumulates into its output).
    /// </summary>
    internal static Tensor Uninitialized(int[] shape, DType dtype)
    {
        int n = ShapeUtil.Count(shape, "Tensor");
        Array data = dtype == DType.Float32 ? GC.AllocateUninitializedArray<float>(n) : GC.AllocateUninitializedArray<double>(n);
        return new Tensor(new TensorStorage(data), shape, dtype);
    }

    /// <summary>y = f(x) elementwise, same shape and dtype as <paramref name="x"/>.</summary>
    public static Tensor Map<TK>(Tensor x, TK kernel) where TK : struct, IUnaryKernel
    {
        var y = Uninitialized(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) kernel.Run<float>(x.Span<float>(), y.Span<float>());
        else kernel.Run<double>(x.Span<double>(), y.Span<double>());
        return y;
    }

    /// <summary>
    /// d = f(a, b) with NumPy/PyTorch broadcasting. Both inputs must already have the same dtype.
    /// The output shape is <paramref name="shape"/> (the broadcast of the two).
    /// </summary>
    public static Tensor Binary<TK>(Tensor a, Tensor b, int[] shape, TK kernel) where TK : struct, IBinaryKernel
    {
        var d = Uninitialized(shape, a.DType);
        if (a.DType == DType.Float32) Binary<float, TK>(a, b, d, kernel);
        else Binary<double, TK>(a, b, d, kernel);
        return d;
    }

    private static void Binary<T, TK>(Tensor a, Tensor b, Tensor d, TK k)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IBinaryKernel
    {
        ReadOnlySpan<T> sa = a.Span<T>(), sb = b.Span<T>();
        Span<T> sd = d.Span<T>();
        if (sd.Length == 0) return;
        // Fast paths: equal shapes, or one side a single value.
        if (sa.Length == sd.Length && sb.Length == sd.Length) { k.Run(sa, sb, sd); return; }
        if (sb.Length == 1 && sa.Length == sd.Length) { k.Run(sa, sb[0], sd); return; }
        if (sa.Length == 1 && sb.Length == sd.Length) { k.Run(sa[0], sb, sd); return; }
        // One side full, the other one block repeated (a bias row added to every row): whole runs at a time.
        if (sa.Length == sd.Length && IsRepeatedBlock(b.ShapeArray, d.ShapeArray)) { RepeatedRight(sa, sb, sd, k); return; }
        if (sb.Length == sd.Length && IsRepeatedBlock(a.ShapeArray, d.ShapeArray)) { RepeatedLeft(sa, sb, sd, k); return; }

        // General case: walk the output row by row (a row = the last dimension); in each row an input is either a
        // contiguous run (its last dim is full) or one repeated value (its last dim is 1).
        var walker = new BroadcastWalker(d.ShapeArray, a.ShapeArray, b.ShapeArray);
        int inner = walker.Inner;
        for (int row = 0, offD = 0; row < walker.Rows; row++, offD += inner)
        {
            var (offA, offB) = walker.Offsets;
            var dst = sd.Slice(offD, inner);
            if (walker.InnerA && walker.InnerB) k.Run(sa.Slice(offA, inner), sb.Slice(offB, inner), dst);
            else if (walker.InnerA) k.Run(sa.Slice(offA, inner), sb[offB], dst);
            else if (walker.InnerB) k.Run(sa[offA], sb.Slice(offB, inner), dst);
            else k.Run(sa.Slice(offA, 1), sb[offB], dst.Slice(0, 1)); // inner == 1
            walker.Next();
        }
    }

    /// <summary>
    /// d[j] += Σ_r x[r·L + j] for the copies r in order (L = d's length): the same additions, in the same order, as
    /// adding the copies one by one, but with each vector of d held in a register across all copies.
    /// </summary>
    private static void AddCopies<T, TV, TS>(ReadOnlySpan<T> x, Span<T> d)
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

    /// <summary>Elements of a stack buffer that holds copies of a short repeated block.</summary>
    private const int RepeatBuffer = 256;

    /// <summary>
    /// True when <paramref name="small"/> broadcast to <paramref name="full"/> is the same contiguous block over and
    /// over: small is full's trailing dims, possibly with leading 1s (e.g. [4] or [1, 4] against [200, 4]).
    /// </summary>
    internal static bool IsRepeatedBlock(int[] small, int[] full)
    {
        int lead = 0;
        while (lead < small.Length && small[lead] == 1) lead++;
        int rank = small.Length - lead;
        if (rank > full.Length) return false;
        for (int i = 1; i <= rank; i++)
            if (small[^i] != full[^i]) return false;
        return true;
    }

    /// <summary>d = a ⊕ b where b (length L) repeats along a: runs of several copies of b per kernel call.</summary>
    private static void RepeatedRight<T, TK>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d, TK k)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IBinaryKernel
    {
        ReadOnlySpan<T> run = b.Length >= RepeatBuffer / 2 ? b : Tile(b, stackalloc T[RepeatBuffer]);
        for (int off = 0; off < d.Length; off += run.Length)
        {
            int len = Math.Min(run.Length, d.Length - off);
            k.Run(a.Slice(off, len), run[..len], d.Slice(off, len));
        }
    }

    /// <summary>d = a ⊕ b where a (length L) repeats along b.</summary>
    private static void RepeatedLeft<T, TK>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d, TK k)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IBinaryKernel
    {
        ReadOnlySpan<T> run = a.Length >= RepeatBuffer / 2 ? a : Tile(a, stackalloc T[RepeatBuffer]);
        for (int off = 0; off < d.Length; off += run.Length)
        {
            int len = Math.Min(run.Length, d.Length - off);
            k.Run(run[..len], b.Slice(off, len), d.Slice(off, len));
        }
    }

    /// <summary>Fills the start of <paramref name="buffer"/> with as many whole copies of <paramref name="block"/> as fit.</summary>
    private static ReadOnlySpan<T> Tile<T>(ReadOnlySpan<T> block, Span<T> buffer)
    {
        int copies = buffer.Length / block.Length;
        for (int i = 0; i < copies; i++) block.CopyTo(buffer.Slice(i * block.Length));
        return buffer[..(copies * block.Length)];
    }

    /// <summary>Copies <paramref name="x"/> broadcast to <paramref name="shape"/> (PyTorch: <c>expand</c>, materialised).</summary>
    public static Tensor BroadcastTo(Tensor x, int[] shape)
    {
        var d = Uninitialized(shape, x.DType);
        if (x.DType == DType.Float32) BroadcastTo<float>(x, d); else BroadcastTo<double>(x, d);
        return d;
    }

    private static void BroadcastTo<T>(Tensor x, Tensor d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> sx = x.Span<T>();
        Span<T> sd = d.Span<T>();
        if (sd.Length == 0) return;
        if (sx.Length == 1) { sd.Fill(sx[0]); return; }
        if (IsRepeatedBlock(x.ShapeArray, d.ShapeArray))
        {
            for (int off = 0; off < sd.Length; off += sx.Length) sx.CopyTo(sd.Slice(off));
            return;
        }
        var walker = new BroadcastWalker(d.ShapeArray, x.ShapeArray, []);
        int inner = walker.Inner;
        for (int row = 0, offD = 0; row < walker.Rows; row++, offD += inner)
        {
            int offX = walker.Offsets.A;
            if (walker.InnerA) sx.Slice(offX, inner).CopyTo(sd.Slice(offD, inner));
            else sd.Slice(offD, inner).Fill(sx[offX]);
            walker.Next();
        }
    }

    /// <summary>
    /// Sums <paramref name="x"/> down to <paramref name="shape"/>, which must broadcast to x's shape: the reverse
    /// of broadcasting, and so the gradient of every broadcasting op (HIPS autograd calls it <c>unbroadcast</c>).
    /// </summary>
    public static Tensor SumTo(Tensor x, int[] shape)
    {
        var d = Tensor.ZeroFilled(shape, x.DType);
        if (x.DType == DType.Float32) SumTo<float>(x, d); else SumTo<double>(x, d);
        return d;
    }

    private static void SumTo<T>(Tensor x, Tensor d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> sx = x.Span<T>();
        Span<T> sd = d.Span<T>();
        if (sx.Length == 0) return;
        if (sd.Length == 1) { sd[0] = System.Numerics.Tensors.TensorPrimitives.Sum(sx); return; }
        if (IsRepeatedBlock(d.ShapeArray, x.ShapeArray))
        {
            // x is whole copies of d's block (the gradient of a bias): add them up copy after copy, a short block
            // in registers, a long one row by row.
            if (sd.Length >= 64)
                for (int off = 0; off < sx.Length; off += sd.Length)
                    System.Numerics.Tensors.TensorPrimitives.Add(sd, sx.Slice(off, sd.Length), sd);
            else if (Vector512.IsHardwareAccelerated && sd.Length >= Vector512<T>.Count) AddCopies<T, Vector512<T>, Simd512<T>>(sx, sd);
            else if (Vector256.IsHardwareAccelerated && sd.Length >= Vector256<T>.Count) AddCopies<T, Vector256<T>, Simd256<T>>(sx, sd);
            else AddCopies<T, Vector128<T>, Simd128<T>>(sx, sd);
            return;
        }
        var walker = new BroadcastWalker(x.ShapeArray, d.ShapeArray, []);
        int inner = walker.Inner;
        for (int row = 0, offX = 0; row < walker.Rows; row++, offX += inner)
        {
            int offD = walker.Offsets.A;
            var src = sx.Slice(offX, inner);
            if (walker.InnerA)
            {
                var dst = sd.Slice(offD, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
            }
            else sd[offD] += System.Numerics.Tensors.TensorPrimitives.Sum(src);
            walker.Next();
        }
    }
}
