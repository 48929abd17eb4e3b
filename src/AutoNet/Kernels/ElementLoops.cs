namespace AutoNet.Kernels;

/// <summary>
/// A per-element binary function from <typeparamref name="TIn"/> pairs to <typeparamref name="TOut"/>: for the
/// ops SIMD kernels do not cover, integer arithmetic (long, long → long) and comparisons (T, T → bool). A struct used
/// through a generic parameter, so the call is inlined by the JIT.
/// </summary>
internal interface IElementBinary<TIn, TOut>
{
    TOut Apply(TIn a, TIn b);
}

/// <summary>The broadcasting loop for <see cref="IElementBinary{TIn, TOut}"/> functions, on spans and shapes, for any
/// element types (the float SIMD ops use <see cref="ElementwiseLoops"/>).</summary>
internal static class ElementLoops
{
    /// <summary>
    /// d[i] = f(a[i], b[i]) with NumPy/PyTorch broadcasting: a of <paramref name="shapeA"/> and b of
    /// <paramref name="shapeB"/> broadcast to <paramref name="shape"/>, d's shape. Every element of d is written.
    /// </summary>
    public static void Binary<TIn, TOut, TK>(ReadOnlySpan<TIn> sa, int[] shapeA, ReadOnlySpan<TIn> sb, int[] shapeB, Span<TOut> sd, int[] shape, TK f)
        where TK : struct, IElementBinary<TIn, TOut>
    {
        if (sd.Length == 0) return;
        if (sa.Length == sd.Length && sb.Length == sd.Length)
        {
            for (int i = 0; i < sd.Length; i++) sd[i] = f.Apply(sa[i], sb[i]);
            return;
        }
        var walker = new BroadcastWalker(shape, shapeA, shapeB);
        int inner = walker.Inner;
        int stepA = walker.InnerA ? 1 : 0, stepB = walker.InnerB ? 1 : 0;
        for (int row = 0, offD = 0; row < walker.Rows; row++, offD += inner)
        {
            var (offA, offB) = walker.Offsets;
            for (int i = 0; i < inner; i++) sd[offD + i] = f.Apply(sa[offA + i * stepA], sb[offB + i * stepB]);
            walker.Next();
        }
    }
}
