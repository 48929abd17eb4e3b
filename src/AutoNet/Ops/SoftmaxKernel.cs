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
        if (x.DType == DType.Float32) SoftmaxRows.Run<float>(x.Span<float>(), y.Span<float>(), outer, size, inner, log);
        else SoftmaxRows.Run<double>(x.Span<double>(), y.Span<double>(), outer, size, inner, log);
        return y;
    }
}
