using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>
/// The geometry of a 2-D convolution (1-D is H = 1 with a 1-high kernel): input [N, C, H, W], weight
/// [O, C/G, KH, KW], output [N, O, OH, OW], with stride S, zero padding P and dilation D per spatial dim and G groups.
/// An output position (oh, ow) reads input rows oh·SH − PH + ki·DH and columns ow·SW − PW + kj·DW.
/// </summary>
internal readonly record struct ConvGeometry(
    int N, int C, int H, int W, int O, int Groups,
    int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW)
{
    /// <summary>Output height: ⌊(H + 2·PH − DH·(KH − 1) − 1) / SH⌋ + 1.</summary>
    public int OH => (H + 2 * PH - DH * (KH - 1) - 1) / SH + 1;

    /// <summary>Output width: ⌊(W + 2·PW − DW·(KW − 1) − 1) / SW⌋ + 1.</summary>
    public int OW => (W + 2 * PW - DW * (KW - 1) - 1) / SW + 1;

    /// <summary>Rows of a group's column matrix: C/G · KH · KW (one per weight element of an output channel).</summary>
    public int Rows => C / Groups * KH * KW;

    /// <summary>Columns of a group's column matrix: N · OH · OW (one per output position of every sample).</summary>
    public int Cols => N * OH * OW;

    /// <summary>Output channels per group.</summary>
    public int GroupOut => O / Groups;
}

/// <summary>
/// The loops of convolution by im2col: a group's input patches unrolled into a column matrix [C/G·KH·KW, N·OH·OW]
/// (zeros where a patch reaches into the padding), its adjoint col2im (adding each column entry back to the pixel it
/// came from), and the copies between an [N, O, OH·OW] tensor and a group's [O/G, N·OH·OW] matrix. The products
/// themselves are <see cref="MatrixProduct"/>'s.
/// </summary>
internal static class ConvolutionLoops
{
    /// <summary>Rows at least this long are copied with one call (CopyTo), shorter ones element by element.</summary>
    private const int LongRow = 16;

    /// <summary>cols[(c·KH + ki)·KW + kj, (n·OH + oh)·OW + ow] = x[n, group·C/G + c, oh·SH − PH + ki·DH, ow·SW − PW + kj·DW], 0 outside.</summary>
    public static void Im2Col<T>(ReadOnlySpan<T> x, Span<T> cols, in ConvGeometry g, int group) where T : unmanaged, INumberBase<T>
    {
        int cg = g.C / g.Groups, oh = g.OH, ow = g.OW, l = oh * ow, colCount = g.Cols;
        if (ow < LongRow)
        {
            // Small images: each kernel position's pixel map, made once, then one gather loop per plane.
            using var maps = SourceMaps(g);
            for (int c = 0; c < cg; c++)
                for (int k = 0; k < g.KH * g.KW; k++)
                {
                    var row = cols.Slice((c * g.KH * g.KW + k) * colCount, colCount);
                    ReadOnlySpan<int> map = maps.Array.AsSpan(k * l, l);
                    for (int n = 0; n < g.N; n++)
                    {
                        var plane = x.Slice(((n * g.C) + group * cg + c) * g.H * g.W, g.H * g.W);
                        var dst = row.Slice(n * l, l);
                        for (int t = 0; t < l; t++) dst[t] = map[t] >= 0 ? plane[map[t]] : T.Zero;
                    }
                }
            return;
        }
        for (int c = 0; c < cg; c++)
            for (int ki = 0; ki < g.KH; ki++)
                for (int kj = 0; kj < g.KW; kj++)
                {
                    var row = cols.Slice(((c * g.KH + ki) * g.KW + kj) * colCount, colCount);
                    int offset = kj * g.DW - g.PW;
                    var (lo, hi) = Inside(offset, g.SW, g.W, ow);
                    for (int n = 0; n < g.N; n++)
                    {
                        var plane = x.Slice(((n * g.C) + group * cg + c) * g.H * g.W, g.H * g.W);
                        for (int i = 0; i < oh; i++)
                        {
                            int h = i * g.SH - g.PH + ki * g.DH;
                            var dst = row.Slice(n * l + i * ow, ow);
                            if (h < 0 || h >= g.H) { dst.Clear(); continue; }
                            // Output columns lo..hi-1 read the input row; the rest read the padding. Long rows are
                            // copied at once; short ones (a few pixels, as in the Digits CNN) element by element, which
                            // costs less than the calls.
                            var src = plane.Slice(h * g.W);
                            if (g.SW == 1 && hi - lo >= LongRow)
                            {
                                dst[..lo].Clear();
                                dst[hi..].Clear();
                                src.Slice(lo + offset, hi - lo).CopyTo(dst[lo..hi]);
                                continue;
                            }
                            for (int j = 0; j < lo; j++) dst[j] = T.Zero;
                            for (int j = lo; j < hi; j++) dst[j] = src[j * g.SW + offset];
                            for (int j = hi; j < ow; j++) dst[j] = T.Zero;
                        }
                    }
                }
    }

    /// <summary>
    /// For each kernel position k = ki·KW + kj, from k·OH·OW: the pixel (h·W + w, within a plane) that output position
    /// i·OW + j reads, or −1 where it reads the padding. It depends on the geometry only, not on the sample or channel.
    /// </summary>
    private static ScratchBuffer<int> SourceMaps(in ConvGeometry g)
    {
        int oh = g.OH, ow = g.OW, l = oh * ow;
        var maps = new ScratchBuffer<int>(g.KH * g.KW * l);
        for (int ki = 0; ki < g.KH; ki++)
            for (int kj = 0; kj < g.KW; kj++)
                for (int i = 0, t = (ki * g.KW + kj) * l; i < oh; i++)
                {
                    int h = i * g.SH - g.PH + ki * g.DH;
                    for (int j = 0; j < ow; j++, t++)
                    {
                        int w = j * g.SW - g.PW + kj * g.DW;
                        maps.Array[t] = h >= 0 && h < g.H && w >= 0 && w < g.W ? h * g.W + w : -1;
                    }
                }
        return maps;
    }

    /// <summary>
    /// The output columns j whose input column j·S + <paramref name="offset"/> lies in 0 .. <paramref name="size"/>-1,
    /// as the range lo .. hi-1 of 0 .. <paramref name="count"/>-1 (empty when none does): the columns outside read
    /// the zero padding.
    /// </summary>
    internal static (int Lo, int Hi) Inside(int offset, int stride, int size, int count)
    {
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int hi = offset >= size ? 0 : Math.Min(count, (size - 1 - offset) / stride + 1);
        lo = Math.Min(lo, count);
        return (lo, Math.Max(lo, hi));
    }

    /// <summary>The adjoint of <see cref="Im2Col{T}"/>: x[n, group·C/G + c, h, w] += every column entry that was read from it.</summary>
    public static void Col2ImAdd<T>(ReadOnlySpan<T> cols, Span<T> x, in ConvGeometry g, int group) where T : unmanaged, INumberBase<T>
    {
        int cg = g.C / g.Groups, oh = g.OH, ow = g.OW, l = oh * ow, colCount = g.Cols;
        if (ow < LongRow)
        {
            // Small images: the pixel maps of Im2Col, the adds in the same order as the row loop below.
            using var maps = SourceMaps(g);
            for (int c = 0; c < cg; c++)
                for (int k = 0; k < g.KH * g.KW; k++)
                {
                    var row = cols.Slice((c * g.KH * g.KW + k) * colCount, colCount);
                    ReadOnlySpan<int> map = maps.Array.AsSpan(k * l, l);
                    for (int n = 0; n < g.N; n++)
                    {
                        var plane = x.Slice(((n * g.C) + group * cg + c) * g.H * g.W, g.H * g.W);
                        var src = row.Slice(n * l, l);
                        for (int t = 0; t < l; t++)
                            if (map[t] >= 0) plane[map[t]] += src[t];
                    }
                }
            return;
        }
        for (int c = 0; c < cg; c++)
            for (int ki = 0; ki < g.KH; ki++)
                for (int kj = 0; kj < g.KW; kj++)
                {
                    var row = cols.Slice(((c * g.KH + ki) * g.KW + kj) * colCount, colCount);
                    int offset = kj * g.DW - g.PW;
                    var (lo, hi) = Inside(offset, g.SW, g.W, ow);
                    for (int n = 0; n < g.N; n++)
                    {
                        var plane = x.Slice(((n * g.C) + group * cg + c) * g.H * g.W, g.H * g.W);
                        for (int i = 0; i < oh; i++)
                        {
                            int h = i * g.SH - g.PH + ki * g.DH;
                            if (h < 0 || h >= g.H) continue;
                            var src = row.Slice(n * l + i * ow, ow);
                            var dst = plane.Slice(h * g.W);
                            // Columns lo..hi-1 came from the input row, each from its own pixel; the rest from padding.
                            if (g.SW == 1) AddInto(src[lo..hi], dst.Slice(lo + offset, hi - lo));
                            else for (int j = lo; j < hi; j++) dst[j * g.SW + offset] += src[j];
                        }
                    }
                }
    }

    /// <summary>
    /// target[j] += source[j] for every j, a vector at a time (each element one add, as the scalar loop). Not
    /// TensorPrimitives.Add(target, source, target): on the 32-float rows of a convolution that call took 57 ns, this
    /// loop 4.9 ns (stopwatch harness).
    /// </summary>
    private static void AddInto<T>(ReadOnlySpan<T> source, Span<T> target) where T : unmanaged, INumberBase<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            for (; j <= source.Length - Vector<T>.Count; j += Vector<T>.Count)
                (new Vector<T>(target[j..]) + new Vector<T>(source[j..])).CopyTo(target[j..]);
        for (; j < source.Length; j++) target[j] += source[j];
    }

    /// <summary>matrix[o, n·L + p] = y[n, group·O/G + o, p] for a [N, O, L] tensor y (L = OH·OW): a group's output channels as one matrix.</summary>
    public static void GroupToMatrix<T>(ReadOnlySpan<T> y, Span<T> matrix, in ConvGeometry g, int group) where T : unmanaged
    {
        int og = g.GroupOut, l = g.OH * g.OW;
        for (int n = 0; n < g.N; n++)
            for (int o = 0; o < og; o++)
                y.Slice((n * g.O + group * og + o) * l, l).CopyTo(matrix.Slice(o * g.Cols + n * l, l));
    }

    /// <summary>The inverse copy of <see cref="GroupToMatrix{T}"/>: y[n, group·O/G + o, p] = matrix[o, n·L + p].</summary>
    public static void MatrixToGroup<T>(ReadOnlySpan<T> matrix, Span<T> y, in ConvGeometry g, int group) where T : unmanaged
    {
        int og = g.GroupOut, l = g.OH * g.OW;
        for (int n = 0; n < g.N; n++)
            for (int o = 0; o < og; o++)
                matrix.Slice(o * g.Cols + n * l, l).CopyTo(y.Slice((n * g.O + group * og + o) * l, l));
    }
}
