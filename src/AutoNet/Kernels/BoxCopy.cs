using AutoNet.Internal;

namespace AutoNet.Kernels;

/// <summary>
/// Copies an N-D box (a rectangular block of elements) from one row-major array into another: the one loop behind
/// Cat, Stack and Pad (and, with negative pads, narrowing). Element-type agnostic: it only moves values.
/// </summary>
internal static class BoxCopy
{
    /// <summary>
    /// dst[dstStart + i] = src[srcStart + i] for every multi-index i in [0, extent), all three given per dim; src and
    /// dst have the same rank (<paramref name="srcShape"/>, <paramref name="dstShape"/>). The caller has checked the
    /// box lies inside both. Runs of the innermost dims that are whole in both arrays are copied as one span.
    /// </summary>
    public static void Run<T>(ReadOnlySpan<T> src, int[] srcShape, ReadOnlySpan<int> srcStart,
        Span<T> dst, int[] dstShape, ReadOnlySpan<int> dstStart, ReadOnlySpan<int> extent)
    {
        int rank = extent.Length;
        long total = 1;
        for (int d = 0; d < rank; d++) total *= extent[d];
        if (total == 0) return;
        // Merge the innermost dims that the box covers whole in both arrays into one contiguous run.
        int run = 1, k = rank;
        while (k > 0)
        {
            run *= extent[k - 1];
            k--;
            if (extent[k] != srcShape[k] || extent[k] != dstShape[k]) break;
        }
        // dims [0, k) are walked one index at a time; dims [k, rank) form runs of `run` elements.
        var srcStrides = ShapeUtil.Strides(srcShape);
        var dstStrides = ShapeUtil.Strides(dstShape);
        int srcBase = 0, dstBase = 0;
        for (int d = 0; d < rank; d++)
        {
            srcBase += srcStart[d] * srcStrides[d];
            dstBase += dstStart[d] * dstStrides[d];
        }
        if (k == 0)
        {
            src.Slice(srcBase, run).CopyTo(dst.Slice(dstBase, run));
            return;
        }
        Span<int> index = stackalloc int[k];
        int s = srcBase, t = dstBase;
        while (true)
        {
            src.Slice(s, run).CopyTo(dst.Slice(t, run));
            int d = k - 1;
            while (d >= 0)
            {
                if (++index[d] < extent[d]) { s += srcStrides[d]; t += dstStrides[d]; break; }
                s -= (extent[d] - 1) * srcStrides[d];
                t -= (extent[d] - 1) * dstStrides[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) return;
        }
    }
}
