using System.Numerics.Tensors;
using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// The one summation kernel (pairwise, as NumPy's and PyTorch's sums): its recursion against exact sums on every
/// length around a leaf boundary, and leaf-sized sums unchanged bit for bit (so the moons run is too).
/// </summary>
public class SummationTests
{
    private static double[] Values(int n, int seed)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => r.NextDouble() * 2 - 1)];
    }

    private static double Exact(IEnumerable<double> values) => (double)values.Aggregate(0m, (s, v) => s + (decimal)v);

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(17)] [InlineData(255)] [InlineData(256)] [InlineData(257)]
    [InlineData(511)] [InlineData(1000)] [InlineData(4099)] [InlineData(100_003)]
    public void Sum_EqualsTheExactSum_ForEveryLength(int n)
    {
        var x = Values(n, n);
        Assert.Equal(Exact(x), Summation.Sum<double>(x), 1e-12);
        float[] f = [.. x.Select(v => (float)v)];
        Assert.True(Math.Abs(Exact(f.Select(v => (double)v)) - Summation.Sum<float>(f)) <= 1e-6 * Math.Max(1, Math.Sqrt(n)),
            $"float32 sum of {n}");
    }

    [Theory]
    [InlineData(0, 3)] [InlineData(1, 1)] [InlineData(256, 4)] [InlineData(257, 4)] [InlineData(1000, 1)]
    [InlineData(1000, 3)] [InlineData(999, 16)] [InlineData(700, 70)] [InlineData(3000, 9)]
    public void SumRows_EqualsTheExactColumnSums(int rows, int width)
    {
        var x = Values(rows * width, rows + width);
        var d = new double[width];
        Array.Fill(d, double.NaN);   // every element must be written
        Summation.SumRows<double>(x, d);
        for (int j = 0; j < width; j++)
            Assert.Equal(Exact(Enumerable.Range(0, rows).Select(r => x[r * width + j])), d[j], 1e-12);
    }

    [Fact]
    public void LeafSizedSums_AreBitForBitTheRunningSums()
    {
        // The moons network (200 samples) sums at most 200 values or rows: those sums must not change by a bit.
        var x = Values(200 * 16, 7);
        Assert.Equal(TensorPrimitives.Sum<double>(x.AsSpan(0, 200)), Summation.Sum<double>(x.AsSpan(0, 200)));
        var d = new double[16];
        Summation.SumRows<double>(x, d);
        for (int j = 0; j < 16; j++)
        {
            double running = 0;
            for (int r = 0; r < 200; r++) running += x[r * 16 + j];
            Assert.Equal(running, d[j]);
        }
    }
}
