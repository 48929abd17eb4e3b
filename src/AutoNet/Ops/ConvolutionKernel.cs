using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The Tensor-level entry points of convolution by im2col + GEMM (the span loops are <see cref="ConvolutionLoops"/>,
/// the products <see cref="MatrixProduct"/>): the convolution itself, its input gradient (Wᵀ · grad, then col2im) and
/// its weight gradient (grad · colsᵀ). Tensors are [N, C, H, W], [O, C/G, KH, KW] and [N, O, OH, OW] of one floating
/// dtype. The batch is cut into chunks of samples (<see cref="EachChunk"/>), one product per group and chunk.
/// </summary>
internal static class ConvolutionKernel
{
    /// <summary>y[n, o] = Σ_c,ki,kj w[o, c, ki, kj] · x[n, group(o)·C/G + c, …] (no bias).</summary>
    public static Tensor Forward(Tensor x, Tensor w, ConvGeometry g)
    {
        (x, w) = (Contiguous.Owned(x), Contiguous.Owned(w));
        var y = Elementwise.Uninitialized([g.N, g.O, g.OH, g.OW], x.DType); // every element is written (MatrixToGroup)
        if (x.DType == DType.Float32) Forward(x.Data<float>(), w.Data<float>(), y.Data<float>(), g);
        else Forward(x.Data<double>(), w.Data<double>(), y.Data<double>(), g);
        return y;
    }

    /// <summary>The gradient of the input given the output's: col2im(W_gᵀ · grad_g) for each group.</summary>
    public static Tensor InputGrad(Tensor grad, Tensor w, ConvGeometry g)
    {
        (grad, w) = (Contiguous.Owned(grad), Contiguous.Owned(w));
        var gx = Tensor.ZeroFilled([g.N, g.C, g.H, g.W], grad.DType, "Conv");
        if (grad.DType == DType.Float32) InputGrad(grad.Data<float>(), w.Data<float>(), gx.Data<float>(), g);
        else InputGrad(grad.Data<double>(), w.Data<double>(), gx.Data<double>(), g);
        return gx;
    }

    /// <summary>The gradient of the weight given the output's: grad_g · im2col(x)_gᵀ for each group.</summary>
    public static Tensor WeightGrad(Tensor x, Tensor grad, ConvGeometry g)
    {
        (x, grad) = (Contiguous.Owned(x), Contiguous.Owned(grad));
        var gw = Tensor.ZeroFilled([g.O, g.C / g.Groups, g.KH, g.KW], x.DType, "Conv");
        if (x.DType == DType.Float32) WeightGrad(x.Data<float>(), grad.Data<float>(), gw.Data<float>(), g);
        else WeightGrad(x.Data<double>(), grad.Data<double>(), gw.Data<double>(), g);
        return gw;
    }

    /// <summary>
    /// Column-matrix elements per chunk of samples: the batch is processed a few samples at a time so that a chunk's
    /// column matrix (and its packed copy) stays in cache instead of streaming tens of megabytes for a large batch; a
    /// small convolution (the Digits CNN) still takes its whole batch in one product.
    /// </summary>
    private const int ChunkElements = 1 << 18;

    /// <summary>The work on one chunk: its index, its first sample, its geometry (N = its samples) and the threads
    /// its products may use.</summary>
    private delegate void ChunkWork(int index, int n0, ConvGeometry part, int threads);

    /// <summary>
    /// Runs <paramref name="work"/> on each chunk of samples. With at least two chunks per core, the cores take whole
    /// chunks (im2col, product and col2im all run in parallel, and no product waits on a fork and join: for
    /// [32, 32, 32, 32] → 64 channels the forward took 31 ms one chunk at a time, 2-thread products each); else the
    /// chunks go one after another, each product on every core. A chunk computes the same values either way.
    /// </summary>
    private static int EachChunk(ConvGeometry g, ChunkWork work)
    {
        int chunk = Math.Clamp(ChunkElements / Math.Max(1, g.Rows * g.OH * g.OW), 1, Math.Max(1, g.N));
        int chunks = (g.N + chunk - 1) / chunk, cores = Environment.ProcessorCount;
        bool acrossChunks = cores > 1 && chunks >= 2 * cores;
        Workers.ForEach(chunks, acrossChunks ? cores : 1, i =>
        {
            int n0 = i * chunk;
            work(i, n0, g with { N = Math.Min(chunk, g.N - n0) }, acrossChunks ? 1 : cores);
        });
        return chunks;
    }

    /// <summary>Each group's weight matrix [O/G, C/G·KH·KW] as an array of its own (the products take whole arrays).</summary>
    private static T[][] GroupWeights<T>(T[] w, ConvGeometry g)
    {
        int size = g.GroupOut * g.Rows;
        if (g.Groups == 1 && w.Length == size) return [w];
        return [.. Enumerable.Range(0, g.Groups).Select(group => w.AsSpan(group * size, size).ToArray())];
    }

    private static void Forward<T>(T[] x, T[] w, T[] y, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = g.Rows, og = g.GroupOut, inPlane = g.C * g.H * g.W, outPlane = g.O * g.OH * g.OW;
        var weights = GroupWeights(w, g);
        EachChunk(g, (_, n0, part, threads) =>
        {
            using var columns = new ScratchBuffer<T>(rows * part.Cols);
            using var product = new ScratchBuffer<T>(og * part.Cols);
            for (int group = 0; group < g.Groups; group++)
            {
                ConvolutionLoops.Im2Col<T>(x.AsSpan(n0 * inPlane, part.N * inPlane), columns.Array, part, group);
                if (rows == 0) Array.Clear(product.Array); // k = 0: the product leaves C as it is
                MatrixProduct.Multiply(weights[group], columns.Array, product.Array, og, rows, part.Cols, false, false, threads);
                ConvolutionLoops.MatrixToGroup<T>(product.Array, y.AsSpan(n0 * outPlane, part.N * outPlane), part, group);
            }
        });
    }

    private static void InputGrad<T>(T[] grad, T[] w, T[] gx, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = g.Rows, og = g.GroupOut, inPlane = g.C * g.H * g.W, outPlane = g.O * g.OH * g.OW;
        var weights = GroupWeights(w, g);
        EachChunk(g, (_, n0, part, threads) =>
        {
            using var gradMatrix = new ScratchBuffer<T>(og * part.Cols);
            using var columns = new ScratchBuffer<T>(rows * part.Cols);
            for (int group = 0; group < g.Groups; group++)
            {
                ConvolutionLoops.GroupToMatrix<T>(grad.AsSpan(n0 * outPlane, part.N * outPlane), gradMatrix.Array, part, group);
                if (og == 0) Array.Clear(columns.Array); // k = 0: the product leaves C as it is
                MatrixProduct.Multiply(weights[group], gradMatrix.Array, columns.Array, rows, og, part.Cols, true, false, threads);
                ConvolutionLoops.Col2ImAdd<T>(columns.Array, gx.AsSpan(n0 * inPlane, part.N * inPlane), part, group);
            }
        });
    }

    private static void WeightGrad<T>(T[] x, T[] grad, T[] gw, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = g.Rows, og = g.GroupOut, inPlane = g.C * g.H * g.W, outPlane = g.O * g.OH * g.OW;
        // Each chunk's product of every group, kept until all are done and then added in batch order, so the sum is
        // the same whichever core computed which chunk.
        var sums = new List<(int Index, T[] Product)>();
        EachChunk(g, (index, n0, part, threads) =>
        {
            using var columns = new ScratchBuffer<T>(rows * part.Cols);
            using var gradMatrix = new ScratchBuffer<T>(og * part.Cols);
            var product = new T[gw.Length];
            for (int group = 0; group < g.Groups; group++)
            {
                ConvolutionLoops.Im2Col<T>(x.AsSpan(n0 * inPlane, part.N * inPlane), columns.Array, part, group);
                ConvolutionLoops.GroupToMatrix<T>(grad.AsSpan(n0 * outPlane, part.N * outPlane), gradMatrix.Array, part, group);
                var groupProduct = new ScratchBuffer<T>(og * rows);
                using (groupProduct)
                {
                    if (part.Cols == 0) Array.Clear(groupProduct.Array); // k = 0: the product leaves C as it is
                    MatrixProduct.Multiply(gradMatrix.Array, columns.Array, groupProduct.Array, og, part.Cols, rows, false, true, threads);
                    groupProduct.Array.AsSpan(0, og * rows).CopyTo(product.AsSpan(group * og * rows));
                }
            }
            lock (sums) sums.Add((index, product));
        });
        if (sums.Count == 0) return; // an empty batch: the gradient stays zero
        sums.Sort((a, b) => a.Index.CompareTo(b.Index));
        sums[0].Product.CopyTo(gw, 0);
        foreach (var (_, product) in sums.Skip(1))
            for (int i = 0; i < gw.Length; i++) gw[i] += product[i]; // the chunks' sums, in batch order
    }
}
