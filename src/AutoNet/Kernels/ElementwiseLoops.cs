using System.Numerics;

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

/// <summary>
/// The broadcasting loop drivers, on spans and shapes: a binary kernel over two broadcast operands, and the
/// materialised broadcast of one (the Tensor-level entry points are AutoNet.Ops.Elementwise).
/// </summary>
internal static class ElementwiseLoops
{
    /// <summary>
    /// d = f(a, b) with NumPy/PyTorch broadcasting: a of <paramref name="shapeA"/> and b of <paramref name="shapeB"/>
    /// broadcast to <paramref name="shape"/>, d's shape. Every element of d is written.
    /// </summary>
    public static void Binary<T, TK>(ReadOnlySpan<T> sa, int[] shapeA, ReadOnlySpan<T> sb, int[] shapeB, Span<T> sd, int[] shape, TK k)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IBinaryKernel
    {
        if (sd.Length == 0) return;
        // Fast paths: equal shapes, or one side a single value.
        if (sa.Length == sd.Length && sb.Length == sd.Length) { k.Run(sa, sb, sd); return; }
        if (sb.Length == 1 && sa.Length == sd.Length) { k.Run(sa, sb[0], sd); return; }
        if (sa.Length == 1 && sb.Length == sd.Length) { k.Run(sa[0], sb, sd); return; }
        // One side full, the other one block repeated (a bias row added to every row): whole runs at a time.
        if (sa.Length == sd.Length && IsRepeatedBlock(shapeB, shape)) { RepeatedRight(sa, sb, sd, k); return; }
        if (sb.Length == sd.Length && IsRepeatedBlock(shapeA, shape)) { RepeatedLeft(sa, sb, sd, k); return; }

        // General case: walk the output row by row (a row = the last dimension); in each row an input is either a
        // contiguous run (its last dim is full) or one repeated value (its last dim is 1).
        var walker = new BroadcastWalker(shape, shapeA, shapeB);
        int inner = walker.Inner;
        for (int row = 0, offD = 0; row < walker.Rows; row++, offD += inner)
        {
            var (offA, offB) = walker.Offsets;
            var dst = sd.Slice(offD, inner);
            if (walker.InnerA && walker.InnerB) k.Run(sa.Slice(offA, inner), sb.Slice(offB, inner), dst);
            else if (walker.InnerA) k.Run(sa.Slice(offA, inner), sb[offB], dst);
            else if (walker.InnerB) k.Run(sa[offA], sb.Slice(offB, inner), dst);
            else
            {
                // Both repeat one value along the row (an operand broadcast from a smaller block, as
                // Contiguous.Broadcastable passes it, can leave no operand with a full last dim): one value, filled.
                k.Run(sa.Slice(offA, 1), sb[offB], dst[..1]);
                dst[1..].Fill(dst[0]);
            }
            walker.Next();
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

    /// <summary>
    /// Copies <paramref name="sx"/> (of <paramref name="shapeX"/>) broadcast to <paramref name="shape"/> into
    /// <paramref name="sd"/>, writing every element (PyTorch: <c>expand</c>, materialised).
    /// </summary>
    public static void BroadcastTo<T>(ReadOnlySpan<T> sx, int[] shapeX, Span<T> sd, int[] shape)
    {
        if (sd.Length == 0) return;
        if (sx.Length == 1) { sd.Fill(sx[0]); return; }
        if (IsRepeatedBlock(shapeX, shape))
        {
            for (int off = 0; off < sd.Length; off += sx.Length) sx.CopyTo(sd.Slice(off));
            return;
        }
        var walker = new BroadcastWalker(shape, shapeX, []);
        int inner = walker.Inner;
        for (int row = 0, offD = 0; row < walker.Rows; row++, offD += inner)
        {
            int offX = walker.Offsets.A;
            if (walker.InnerA) sx.Slice(offX, inner).CopyTo(sd.Slice(offD, inner));
            else sd.Slice(offD, inner).Fill(sx[offX]);
            walker.Next();
        }
    }
}
