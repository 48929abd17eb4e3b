using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The Tensor-level entry point of softmax and log-softmax (the span-level loop is <see cref="SoftmaxRows"/>).</summary>
internal static class SoftmaxKernel
{
    /// <summary>Elements from which the rows are shared among the cores; below it the caller computes them all.</summary>
    private const int ParallelMin = 16_384;

    /// <summary>About how many elements one shared block of rows holds.</summary>
    private const int BlockElements = 4096;

    /// <summary>Softmax (<paramref name="log"/> false) or log-softmax (true) along normalised dim <paramref name="dim"/>.</summary>
    public static Tensor Run(Tensor x, int dim, bool log)
    {
        x = Contiguous.Values(x);
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        // Each outer index owns a contiguous block of size · inner elements, and each row's arithmetic is its own:
        // the blocks can be computed on any core without changing a bit.
        EachOuter(outer, size * inner, (o0, n, start, length) =>
        {
            if (x.DType == DType.Float32)
                SoftmaxRows.Run<float>(x.Span<float>().Slice(start, length), y.Span<float>().Slice(start, length), n, size, inner, log);
            else
                SoftmaxRows.Run<double>(x.Span<double>().Slice(start, length), y.Span<double>().Slice(start, length), n, size, inner, log);
        });
        return y;
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first outer index, count, first element, element count) over blocks of outer
    /// indices of <paramref name="block"/> elements each, shared among the cores from <see cref="ParallelMin"/>
    /// elements in all.
    /// </summary>
    internal static void EachOuter(int outer, int block, Action<int, int, int, int> body)
    {
        if (outer == 0 || block == 0) return;
        Workers.Chunks(outer, Math.Max(1, BlockElements / block), (ParallelMin + block - 1) / block,
            (o0, n) => body(o0, n, o0 * block, n * block));
    }
}
