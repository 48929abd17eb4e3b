using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>float32 tanh (Float32Tanh, through Tensor.Tanh): within one ulp of the correctly rounded value
/// everywhere, exact at the special values, and the same on both sides of the series/exp switch at 2⁻⁵.</summary>
public class Float32TanhTests
{
    private static float[] Tanh(float[] x) => Tensor.From(x, x.Length).Tanh().ToFloatArray();

    private static double Ulps(float actual, double exact)
    {
        float rounded = (float)exact;
        float ulp = MathF.BitIncrement(Math.Abs(rounded)) - Math.Abs(rounded);
        return Math.Abs(actual - exact) / ulp;
    }

    [Fact]
    public void Every_range_from_tiny_to_saturated_is_within_one_ulp_of_double_precision_tanh()
    {
        var rng = new Random(5);
        double[] edges = [1e-30, 1e-8, 1e-4, 0.01, 0.031, 0.032, 0.1, 0.5, 1, 3, 9, 20, 1e4];
        var worst = new List<string>();
        for (int b = 0; b + 1 < edges.Length; b++)
        {
            var x = new float[20_000];
            for (int i = 0; i < x.Length; i++)
            {
                double v = edges[b] * Math.Pow(edges[b + 1] / edges[b], rng.NextDouble());
                x[i] = (float)(i % 2 == 0 ? v : -v);
            }
            var y = Tanh(x);
            double max = 0;
            for (int i = 0; i < x.Length; i++) max = Math.Max(max, Ulps(y[i], Math.Tanh(x[i])));
            Assert.True(max <= 1, $"|x| in [{edges[b]}, {edges[b + 1]}): {max} ulp");
        }
    }

    [Fact]
    public void Special_values_keep_their_meaning()
    {
        var y = Tanh([0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, -1e-40f, 0.03125f, -0.03125f, 100f]);
        Assert.Equal(0f, y[0]);
        Assert.True(float.IsNegative(y[1]) && y[1] == 0, "tanh(-0) is -0");
        Assert.True(float.IsNaN(y[2]));
        Assert.Equal([1f, -1f], y[3..5]);
        Assert.Equal([1e-40f, -1e-40f], y[5..7]);                       // subnormals: tanh(x) = x
        Assert.Equal((float)Math.Tanh(0.03125), y[7]);
        Assert.Equal(-(float)Math.Tanh(0.03125), y[8]);
        Assert.Equal(1f, y[9]);
    }

    [Fact]
    public void Vectors_of_small_large_and_NaN_lanes_give_the_scalar_forms_bits()
    {
        // The vector form skips a branch no lane takes; lanes of each kind, alone and mixed in one vector, must give
        // what the scalar form gives (every float32 was also checked against the form computing both branches).
        var rng = new Random(21);
        var x = new float[4096];
        for (int i = 0; i < x.Length; i++)
            x[i] = (i / 64 % 4) switch
            {
                0 => (float)((rng.NextDouble() * 2 - 1) * 0.03),              // all below 2^-5: the series
                1 => (float)((rng.NextDouble() * 2 - 1) * 6),                 // mostly above: the exponential
                2 => (float)((rng.NextDouble() * 2 - 1) * 0.06),              // both kinds in one vector
                _ => i % 5 == 0 ? float.NaN : i % 7 == 0 ? float.NegativeInfinity : (float)(rng.NextDouble() * 0.05),
            };
        var y = new float[x.Length];
        Float32Tanh.Run(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            float expected = (float)default(Float32Tanh).Apply((double)x[i]);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(y[i]) || (float.IsNaN(expected) && float.IsNaN(y[i])),
                $"tanh({x[i]:R}): vector {y[i]:R}, scalar {expected:R}");
        }
    }

    [Fact]
    public void A_large_tensor_shared_among_the_cores_gives_the_kernels_bits()
    {
        // From 4,096 float32 values Tensor.Tanh shares 1,024-value chunks with the helper thread; every value must
        // come out as the kernel computes it on one thread, whatever the chunk boundaries.
        var rng = new Random(22);
        foreach (int n in (int[])[4095, 4096, 6400, 10_001])
        {
            var x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * (i % 3 == 0 ? 0.05 : 5));
            var alone = new float[n];
            Float32Tanh.Run(x, alone);
            Assert.Equal(alone, Tanh(x));
        }
    }
}
