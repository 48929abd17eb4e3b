using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The Tensor-level entry points of convolution by im2col + GEMM, one product per group over the whole batch
/// (the span loops are <see cref="ConvolutionLoops"/>, the products <see cref="MatrixProduct"/>): the convolution
/// itself, its input gradient (Wᵀ · grad, then col2im) and its weight gradient (grad · colsᵀ). Tensors are
/// contiguous [N, C, H, W], [O, C/G, KH, KW] and [N, O, OH, OW] of one floating dtype.
/// </summary>
internal static class ConvolutionKernel
{
    /// <summary>y[n, o] = Σ_c,ki,kj w[o, c, ki, kj] · x[n, group(o)·C/G + c, …] (no bias).</summary>
    public static Tensor Forward(Tensor x, Tensor w, ConvGeometry g)
    {
        var y = Tensor.ZeroFilled([g.N, g.O, g.OH, g.OW], x.DType, "Conv");
        if (x.DType == DType.Float32) Forward<float>(x.Span<float>(), w.Span<float>(), y.Span<float>(), g);
        else Forward<double>(x.Span<double>(), w.Span<double>(), y.Span<double>(), g);
        return y;
    }

    /// <summary>The gradient of the input given the output's: col2im(W_gᵀ · grad_g) for each group.</summary>
    public static Tensor InputGrad(Tensor grad, Tensor w, ConvGeometry g)
    {
        var gx = Tensor.ZeroFilled([g.N, g.C, g.H, g.W], grad.DType, "Conv");
        if (grad.DType == DType.Float32) InputGrad<float>(grad.Span<float>(), w.Span<float>(), gx.Span<float>(), g);
        else InputGrad<double>(grad.Span<double>(), w.Span<double>(), gx.Span<double>(), g);
        return gx;
    }

    /// <summary>The gradient of the weight given the output's: grad_g · im2col(x)_gᵀ for each group.</summary>
    public static Tensor WeightGrad(Tensor x, Tensor grad, ConvGeometry g)
    {
        var gw = Tensor.ZeroFilled([g.O, g.C / g.Groups, g.KH, g.KW], x.DType, "Conv");
        if (x.DType == DType.Float32) WeightGrad<float>(x.Span<float>(), grad.Span<float>(), gw.Span<float>(), g);
        else WeightGrad<double>(x.Span<double>(), grad.Span<double>(), gw.Span<double>(), g);
        return gw;
    }

    /// <summary>
    /// Column-matrix elements per chunk of samples: the batch is processed a few samples at a time so that a chunk's
    /// column matrix (and its packed copy) stays in cache instead of streaming tens of megabytes for a large batch; a
    /// small convolution (the Digits CNN) still takes its whole batch in one product.
    /// </summary>
    private const int ChunkElements = 1 << 18;

    /// <summary>The samples per chunk for <paramref name="g"/>, and <paramref name="g"/> for one chunk of that many.</summary>
    private static int ChunkSamples(ConvGeometry g) =>
        Math.Clamp(ChunkElements / Math.Max(1, g.Rows * g.OH * g.OW), 1, Math.Max(1, g.N));

    private static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunk = ChunkSamples(g), rows = g.Rows, og = g.GroupOut;
        int inPlane = g.C * g.H * g.W, outPlane = g.O * g.OH * g.OW;
        using var columnsBuffer = new ScratchBuffer<T>(rows * chunk * g.OH * g.OW);
        using var productBuffer = new ScratchBuffer<T>(og * chunk * g.OH * g.OW);
        T[] columns = columnsBuffer.Array, product = productBuffer.Array;
        for (int n0 = 0; n0 < g.N; n0 += chunk)
        {
            var part = g with { N = Math.Min(chunk, g.N - n0) };
            int cols = part.Cols;
            var xPart = x.Slice(n0 * inPlane, part.N * inPlane);
            var yPart = y.Slice(n0 * outPlane, part.N * outPlane);
            for (int group = 0; group < g.Groups; group++)
            {
                ConvolutionLoops.Im2Col(xPart, columns, part, group);
                var wg = w.Slice(group * og * rows, og * rows).ToArray();
                if (rows == 0) Array.Clear(product); // k = 0: the product leaves C as it is
                MatrixProduct.Multiply(wg, columns, product, og, rows, cols, false, false, Environment.ProcessorCount);
                ConvolutionLoops.MatrixToGroup<T>(product, yPart, part, group);
            }
        }
    }

    private static void InputGrad<T>(ReadOnlySpan<T> grad, ReadOnlySpan<T> w, Span<T> gx, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunk = ChunkSamples(g), rows = g.Rows, og = g.GroupOut;
        int inPlane = g.C * g.H * g.W, outPlane = g.O * g.OH * g.OW;
        using var gradBuffer = new ScratchBuffer<T>(og * chunk * g.OH * g.OW);
        using var columnsBuffer = new ScratchBuffer<T>(rows * chunk * g.OH * g.OW);
        T[] gradMatrix = gradBuffer.Array, columns = columnsBuffer.Array;
        for (int n0 = 0; n0 < g.N; n0 += chunk)
        {
            var part = g with { N = Math.Min(chunk, g.N - n0) };
            int cols = part.Cols;
            var gradPart = grad.Slice(n0 * outPlane, part.N * outPlane);
            var gxPart = gx.Slice(n0 * inPlane, part.N * inPlane);
            for (int group = 0; group < g.Groups; group++)
            {
                ConvolutionLoops.GroupToMatrix(gradPart, gradMatrix, part, group);
                var wg = w.Slice(group * og * rows, og * rows).ToArray();
                if (og == 0) Array.Clear(columns); // k = 0: the product leaves C as it is
                MatrixProduct.Multiply(wg, gradMatrix, columns, rows, og, cols, true, false, Environment.ProcessorCount);
                ConvolutionLoops.Col2ImAdd<T>(columns, gxPart, part, group);
            }
        }
    }

    private static void WeightGrad<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> gw, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunk = ChunkSamples(g), rows = g.Rows, og = g.GroupOut;
        int inPlane = g.C * g.H * g.W, outPlane = g.O * g.OH * g.OW;
        using var columnsBuffer = new ScratchBuffer<T>(rows * chunk * g.OH * g.OW);
        using var gradBuffer = new ScratchBuffer<T>(og * chunk * g.OH * g.OW);
        using var productBuffer = new ScratchBuffer<T>(og * rows);
        T[] columns = columnsBuffer.Array, gradMatrix = gradBuffer.Array, product = productBuffer.Array;
        for (int n0 = 0; n0 < g.N; n0 += chunk)
        {
            var part = g with { N = Math.Min(chunk, g.N - n0) };
            int cols = part.Cols;
            var xPart = x.Slice(n0 * inPlane, part.N * inPlane);
            var gradPart = grad.Slice(n0 * outPlane, part.N * outPlane);
            for (int group = 0; group < g.Groups; group++)
            {
                ConvolutionLoops.Im2Col(xPart, columns, part, group);
                ConvolutionLoops.GroupToMatrix(gradPart, gradMatrix, part, group);
                if (cols == 0) Array.Clear(product); // k = 0: the product leaves C as it is
                MatrixProduct.Multiply(gradMatrix, columns, product, og, cols, rows, false, true, Environment.ProcessorCount);
                var target = gw.Slice(group * og * rows, og * rows);
                var chunkSum = product.AsSpan(0, og * rows);
                if (n0 == 0) chunkSum.CopyTo(target);
                else for (int i = 0; i < target.Length; i++) target[i] += chunkSum[i]; // the chunks' sums, in batch order
            }
        }
    }
}
