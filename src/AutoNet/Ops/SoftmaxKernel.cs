using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The Tensor-level entry point of softmax and log-softmax (the span-level loop is <see cref="SoftmaxRows"/>).</summary>
internal static class SoftmaxKernel
{
    /// <summary>Softmax (<paramref name="log"/> false) or log-softmax (true) along normalised dim <paramref name="dim"/>.</summary>
    public static Tensor Run(Tensor x, int dim, bool log)
    {
        x = Contiguous.Values(x);
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        // Each outer index owns a contiguous block of size · inner elements, and each row's arithmetic is its own:
        // the blocks can be computed on any core without changing a bit.
        EachOuter(outer, size * inner, (start, length) =>
        {
            if (x.DType == DType.Float32)
                SoftmaxRows.Run<float>(x.Span<float>().Slice(start, length), y.Span<float>().Slice(start, length), length / (size * inner), size, inner, log);
            else
                SoftmaxRows.Run<double>(x.Span<double>().Slice(start, length), y.Span<double>().Slice(start, length), length / (size * inner), size, inner, log);
        });
        return y;
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first element, element count) over blocks of whole outer indices of
    /// <paramref name="block"/> elements each, shared among the cores as <see cref="Workers.Rows"/> shares rows.
    /// </summary>
    internal static void EachOuter(int outer, int block, Action<int, int> body) =>
        Workers.Rows(outer, block, (o0, n) => body(o0 * block, n * block));
}
