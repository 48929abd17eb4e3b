using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>float32 erf (Float32Erf, through Tensor.Erf): within one ulp of the float64 erf rounded to float32
/// from 1e-30 to far beyond saturation, and exact at the special values.</summary>
public class Float32ErfTests
{
    [Fact]
    public void Every_range_is_within_one_ulp_of_the_float64_erf_rounded()
    {
        var rng = new Random(9);
        double[] edges = [1e-30, 1e-6, 0.01, 0.5, 1.25, 2, 3, 3.9, 4.1, 10, 1e6];
        for (int b = 0; b + 1 < edges.Length; b++)
        {
            var x = new float[20_000];
            for (int i = 0; i < x.Length; i++)
            {
                double v = edges[b] * Math.Pow(edges[b + 1] / edges[b], rng.NextDouble());
                x[i] = (float)(i % 2 == 0 ? v : -v);
            }
            float[] y = Tensor.From(x, x.Length).Erf().ToFloatArray();
            double[] exact = Tensor.From(x.Select(v => (double)v).ToArray(), x.Length).Erf().ToArray();
            double worst = 0;
            for (int i = 0; i < x.Length; i++)
            {
                float rounded = (float)exact[i];
                float ulp = MathF.BitIncrement(Math.Abs(rounded)) - Math.Abs(rounded);
                worst = Math.Max(worst, Math.Abs(y[i] - exact[i]) / ulp);
            }
            Assert.True(worst <= 1, $"|x| in [{edges[b]}, {edges[b + 1]}): {worst} ulp");
        }
    }

    [Fact]
    public void Special_values_keep_their_meaning()
    {
        float[] y = Tensor.From([0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, 3.92f, 3.9f], 8).Erf().ToFloatArray();
        Assert.Equal(0f, y[0]);
        Assert.True(float.IsNegative(y[1]) && y[1] == 0, "erf(-0) is -0");
        Assert.True(float.IsNaN(y[2]));
        Assert.Equal([1f, -1f], y[3..5]);
        Assert.Equal(1e-40f * 1.1283791670955126f, y[5], 1e-45f);
        Assert.Equal(1f, y[6]);                                         // erfc(3.92) is below half an ulp of 1
        Assert.Equal(MathF.BitDecrement(1f), y[7]);                     // erfc(3.9) is not
    }

    [Fact]
    public void Four_chains_at_once_give_the_bits_of_one_vector_at_a_time()
    {
        // Float32Erf.Run interleaves four double vectors; Float32ViaDouble.Map runs one. Random bit patterns cover
        // every exponent, NaN payloads and infinities; every length up to 80 covers each tail.
        var rng = new Random(12);
        var x = new float[1 << 18];
        for (int i = 0; i < x.Length; i++) x[i] = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next() << 1));
        for (int i = 0; i < x.Length / 2; i += 2) x[i] = (float)(rng.NextDouble() * 10 - 5); // and many in the series' range
        for (int n = 0; n <= 80; n++) AssertRunMatchesOneVector(x.AsSpan(n * 3, n), $"of {n}");
        AssertRunMatchesOneVector(x, $"of {x.Length}");
    }

    [Fact]
    public void Fewer_terms_for_small_values_give_the_bits_of_the_whole_series()
    {
        // Run takes 13, 21, 36 or 54 terms for sixteen values below 0.5, 1, 2 or 3 in size; the one-vector form
        // always takes 65. Blocks of values from each range, up to its edge, and the edges themselves.
        var rng = new Random(13);
        foreach (float limit in (float[])[0.5f, 1f, 2f, 3f, 4f])
        {
            var x = new float[4096];
            for (int i = 0; i < x.Length; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * limit);
            x[5] = limit;
            x[21] = -limit;
            x[40] = MathF.BitIncrement(limit);
            AssertRunMatchesOneVector(x, $"values up to {limit}");
        }
    }

    /// <summary>Float32Erf.Run (four chains, shortened series) against Float32ViaDouble.Map (one vector at a time,
    /// the whole 65-term series), bit for bit.</summary>
    private static void AssertRunMatchesOneVector(ReadOnlySpan<float> x, string what)
    {
        float[] fast = new float[x.Length], one = new float[x.Length];
        Float32Erf.Run(x, fast);
        Float32ViaDouble.Map(x, one, default(Float32Erf));
        for (int i = 0; i < x.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(fast[i]) == BitConverter.SingleToInt32Bits(one[i]),
                $"erf({x[i]:R}), {what}: {fast[i]:R} against one vector's {one[i]:R}");
    }
}
