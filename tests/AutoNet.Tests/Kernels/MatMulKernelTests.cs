using AutoNet.Ops;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// The blocked, vectorised, threaded matrix product against a naive triple loop, on odd sizes (edge tiles, several
/// depth blocks) and all four transpose combinations, in both dtypes; and bit-for-bit independence of the thread count.
/// </summary>
public class MatMulKernelTests
{
    // Sizes below MatMulKernel.DirectThreshold (m·n·k < 16384) take the direct loop, the others the blocked product; k > 256
    // means several depth blocks.
    public static TheoryData<int, int, int, bool, bool, DType> Cases()
    {
        var data = new TheoryData<int, int, int, bool, bool, DType>();
        int[][] sizes = [[1, 1, 1], [7, 13, 5], [1, 300, 1], [3, 600, 8], [5, 520, 4], [65, 33, 129], [257, 257, 257], [130, 600, 37], [6, 1000, 33]];
        foreach (var s in sizes)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                        data.Add(s[0], s[1], s[2], ta, tb, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNaiveTripleLoop(int m, int k, int n, bool transposeA, bool transposeB, DType dtype)
    {
        var a = Random(transposeA ? [k, m] : [m, k], dtype, seed: m * 31 + k);
        var b = Random(transposeB ? [n, k] : [k, n], dtype, seed: n * 17 + k + 1);
        var c = MatMulKernel.Multiply(a, b, transposeA, transposeB);

        Assert.Equal([m, n], c.ShapeArray);
        double[] av = a.ToArray(), bv = b.ToArray(), cv = c.ToArray();
        // Relative to Σ|a·b| (the scale of the rounding errors); float32 products round each term to 24 bits.
        double tolerance = dtype == DType.Float64 ? 1e-12 : 1e-5;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0, scale = 0;
                for (int p = 0; p < k; p++)
                {
                    double term = av[transposeA ? p * m + i : i * k + p] * bv[transposeB ? j * k + p : p * n + j];
                    sum += term;
                    scale += Math.Abs(term);
                }
                double error = Math.Abs(cv[i * n + j] - sum);
                Assert.True(error <= tolerance * scale,
                    $"C[{i}, {j}] = {cv[i * n + j]:R}, naive {sum:R}: error {error:E2} > {tolerance:E0} · {scale:E3} ({m}x{k}x{n}, tA={transposeA}, tB={transposeB}, {dtype})");
            }
    }

    [Theory]
    [InlineData(300, 517, 263, false, false, DType.Float64)]
    [InlineData(300, 517, 263, true, true, DType.Float32)]
    [InlineData(256, 784, 256, false, true, DType.Float32)]
    [InlineData(20, 1000, 400, true, false, DType.Float64)]
    public void ResultIsIdenticalWhateverTheThreadCount(int m, int k, int n, bool transposeA, bool transposeB, DType dtype)
    {
        var a = Random(transposeA ? [k, m] : [m, k], dtype, seed: 5);
        var b = Random(transposeB ? [n, k] : [k, n], dtype, seed: 6);
        var single = MatMulKernel.Multiply(a, b, transposeA, transposeB, maxThreads: 1).ToArray();
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var multi = MatMulKernel.Multiply(a, b, transposeA, transposeB, maxThreads: threads).ToArray();
            for (int i = 0; i < single.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(single[i]) == BitConverter.DoubleToInt64Bits(multi[i]),
                    $"element {i}: {single[i]:R} with 1 thread, {multi[i]:R} with {threads}");
        }
    }

    [Theory]
    [InlineData(7, 13, 5, false, false)]      // direct loop (below the blocked product's size)
    [InlineData(10, 256, 256, true, false)]   // few rows, B read in place: direct loop
    [InlineData(256, 256, 10, false, true)]   // narrow: blocked product on 256-bit vectors
    [InlineData(65, 33, 129, false, false)]   // blocked product, edge tiles
    [InlineData(6, 1000, 33, true, true)]     // several depth blocks
    [InlineData(300, 517, 263, false, true)]  // blocked and parallel
    [InlineData(65, 600, 70, false, false)]   // A read in place: several depth blocks, a last panel of 5 rows packed
    [InlineData(512, 256, 64, false, false)]  // A read in place, parallel (TinyGpt's MLP down-projection)
    [InlineData(200, 32, 30, true, false)]    // small: transposed A read in place, B's one panel (30 columns) packed
    [InlineData(27, 32, 200, true, false)]    // small: transposed A and B's whole panels read in place, B's last packed
    [InlineData(40, 300, 70, true, false)]    // small, two depth blocks: both read in place from the second block's row
    [InlineData(33, 300, 96, false, false)]   // small, two depth blocks: every B panel read in place
    public void Every_path_computes_each_element_as_the_same_fused_chain(int m, int k, int n, bool transposeA, bool transposeB)
    {
        // The kernels promise one arithmetic whatever path, vector width or thread runs: per depth block of
        // Gemm.Depth(k), an FMA chain from zero over p in order; the first block's sum stored, later ones added.
        var a = Random(transposeA ? [k, m] : [m, k], DType.Float32, seed: 7);
        var b = Random(transposeB ? [n, k] : [k, n], DType.Float32, seed: 8);
        float[] av = a.ToFloatArray(), bv = b.ToFloatArray(), cv = MatMulKernel.Multiply(a, b, transposeA, transposeB).ToFloatArray();
        int depth = AutoNet.Kernels.Gemm.Depth(k);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float c = 0;
                for (int p0 = 0; p0 < k; p0 += depth)
                {
                    float chain = 0;
                    for (int p = p0; p < Math.Min(k, p0 + depth); p++)
                        chain = MathF.FusedMultiplyAdd(av[transposeA ? p * m + i : i * k + p], bv[transposeB ? j * k + p : p * n + j], chain);
                    c = p0 == 0 ? chain : c + chain;
                }
                Assert.True(BitConverter.SingleToInt32Bits(c) == BitConverter.SingleToInt32Bits(cv[i * n + j]),
                    $"C[{i}, {j}] = {cv[i * n + j]:R}, the fused chain gives {c:R} ({m}x{k}x{n}, tA={transposeA}, tB={transposeB})");
            }
    }

    [Fact]
    public void EmptyInnerDimensionGivesZeros()
    {
        var c = MatMulKernel.Multiply(Tensor.Zeros(3, 0), Tensor.Zeros(0, 4));
        Assert.Equal([3, 4], c.ShapeArray);
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(1, 1, DType.Float64)]
    [InlineData(33, 65, DType.Float64)]
    [InlineData(200, 3, DType.Float64)]
    [InlineData(1, 1, DType.Float32)]
    [InlineData(3, 5, DType.Float32)]
    [InlineData(4, 4, DType.Float32)]
    [InlineData(33, 65, DType.Float32)]
    [InlineData(70, 36, DType.Float32)]
    [InlineData(200, 3, DType.Float32)]
    public void TransposeOfTheLastTwoDimsMatchesTheDefinition(int rows, int cols, DType dtype)
    {
        var x = Random([2, rows, cols], dtype, seed: 9);
        var y = x.Transpose(2, 1).Contiguous();
        Assert.Equal([2, cols, rows], y.ShapeArray);
        double[] xv = x.ToArray(), yv = y.ToArray();
        for (int b = 0; b < 2; b++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    Assert.Equal(xv[(b * rows + r) * cols + c], yv[(b * cols + c) * rows + r]);
    }

    private static Tensor Random(int[] shape, DType dtype, int seed)
    {
        var rng = new Random(seed);
        int count = shape.Aggregate(1, (x, y) => x * y);
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = rng.NextDouble() * 2 - 1;
        var t = Tensor.From(values, shape);
        return dtype == DType.Float64 ? t : t.To(DType.Float32);
    }
}
