using System.Runtime.CompilerServices;
using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>
/// The loops of max pooling: the index of each window's maximum within its plane, and the gather/scatter-add of
/// values by such indices (the pool's forward and its adjoint). A plane is one [H, W] image of one channel of one
/// sample; the geometry is a <see cref="ConvGeometry"/> with N = planes, C = O = 1.
/// </summary>
internal static class Pooling
{
    /// <summary>
    /// index[p, i·OW + j] = h·W + w of the largest x[p, h, w] in window (i, j), padding excluded: the first maximum in
    /// row-major order wins ties, and a NaN counts as larger than anything (the last NaN wins), as in PyTorch's
    /// CPU max_pool2d. A window of −∞ only keeps its first position.
    /// </summary>
    public static void MaxIndices<T>(ReadOnlySpan<T> x, Span<int> index, in ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OH, ow = g.OW, size = g.H * g.W;
        if (g is { KH: 2, KW: 2, SH: 2, SW: 2, PH: 0, PW: 0, DH: 1, DW: 1 })
        {
            MaxIndices2x2(x, index, g);
            return;
        }
        for (int p = 0; p < g.N; p++)
        {
            var plane = x.Slice(p * size, size);
            var outIndex = index.Slice(p * oh * ow, oh * ow);
            for (int i = 0; i < oh; i++)
            {
                int h0 = i * g.SH - g.PH, h1 = Math.Min(h0 + (g.KH - 1) * g.DH + 1, g.H);
                while (h0 < 0) h0 += g.DH;
                for (int j = 0; j < ow; j++)
                {
                    int w0 = j * g.SW - g.PW, w1 = Math.Min(w0 + (g.KW - 1) * g.DW + 1, g.W);
                    while (w0 < 0) w0 += g.DW;
                    int best = h0 * g.W + w0;
                    T max = T.NegativeInfinity;
                    for (int h = h0; h < h1; h += g.DH)
                        for (int w = w0; w < w1; w += g.DW)
                        {
                            T v = plane[h * g.W + w];
                            if (v > max || T.IsNaN(v)) { max = v; best = h * g.W + w; }
                        }
                    outIndex[i * ow + j] = best;
                }
            }
        }
    }

    /// <summary>
    /// <see cref="MaxIndices{T}"/> for the usual 2 × 2 window at stride 2 without padding: the four candidates of each
    /// window in the same order (row by row) under the same rule, without the general loop's bookkeeping.
    /// </summary>
    private static void MaxIndices2x2<T>(ReadOnlySpan<T> x, Span<int> index, in ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OH, ow = g.OW, width = g.W, size = g.H * width;
        for (int p = 0, o = 0; p < g.N; p++)
        {
            var plane = x.Slice(p * size, size);
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++, o++)
                {
                    int at = 2 * i * width + 2 * j, best = at;
                    T max = plane[at];
                    Take(plane, at + 1, ref max, ref best);
                    Take(plane, at + width, ref max, ref best);
                    Take(plane, at + width + 1, ref max, ref best);
                    index[o] = best;
                }
        }
    }

    /// <summary>One step of the window scan: a larger value, or a NaN, becomes the maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take<T>(ReadOnlySpan<T> plane, int at, ref T max, ref int best) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T v = plane[at];
        if (v > max || T.IsNaN(v)) { max = v; best = at; }
    }

    /// <summary>y[p, j] = x[p, index[p, j]] for x viewed as [planes, size] and y as [planes, picks].</summary>
    public static void Gather<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<int> index, int size, int picks) where T : unmanaged
    {
        for (int p = 0, o = 0; o < y.Length; p += size)
            for (int j = 0; j < picks; j++, o++) y[o] = x[p + index[o]];
    }

    /// <summary>x[p, index[p, j]] += y[p, j]: the adjoint of <see cref="Gather{T}"/> (x must arrive zeroed).</summary>
    public static void ScatterAdd<T>(ReadOnlySpan<T> y, Span<T> x, ReadOnlySpan<int> index, int size, int picks) where T : unmanaged, INumberBase<T>
    {
        for (int p = 0, o = 0; o < y.Length; p += size)
            for (int j = 0; j < picks; j++, o++) x[p + index[o]] += y[o];
    }

    /// <summary>
    /// The [H·W, o·o] matrix of adaptive average pooling: a[(h, w), (i, j)] = 1/(|rows i|·|cols j|) where h is in
    /// row window i = [⌊i·H/o⌋, ⌈(i+1)·H/o⌉) and w in column window j (likewise), 0 elsewhere; a must arrive zeroed.
    /// </summary>
    public static void AdaptiveAverageMatrix<T>(Span<T> a, int height, int width, int o) where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < o; i++)
        {
            int h0 = i * height / o, h1 = ((i + 1) * height + o - 1) / o;
            for (int j = 0; j < o; j++)
            {
                int w0 = j * width / o, w1 = ((j + 1) * width + o - 1) / o;
                T v = T.One / T.CreateTruncating((h1 - h0) * (w1 - w0));
                for (int h = h0; h < h1; h++)
                    for (int w = w0; w < w1; w++) a[(h * width + w) * o * o + i * o + j] = v;
            }
        }
    }
}
