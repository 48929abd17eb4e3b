using System.Runtime.InteropServices;
using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// float32 exp (Float32Exp, through Tensor.Exp): its eight-lane loop gives the bits of its scalar form for every
/// kind of input, and on glibc both give the bits of MathF.Exp, which AutoNet called one element at a time before.
/// </summary>
public class Float32ExpTests
{
    /// <summary>Random bit patterns (every exponent, NaN payloads, infinities) and many values where exp is finite.</summary>
    private static float[] Inputs(int count, int seed)
    {
        var rng = new Random(seed);
        var x = new float[count];
        for (int i = 0; i < x.Length; i++)
            x[i] = i % 3 == 0 ? BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next() << 1)) : (float)(rng.NextDouble() * 220 - 115);
        return x;
    }

    [Fact]
    public void The_vector_loop_gives_the_bits_of_the_scalar_form()
    {
        var x = Inputs(1 << 18, 3);
        for (int n = 0; n <= 40; n++) Compare(x.AsSpan(n * 5, n)); // each tail length, vector chunks mixed with special lanes
        Compare(x);

        static void Compare(ReadOnlySpan<float> x)
        {
            var y = new float[x.Length];
            Float32Exp.Run(x, y);
            for (int i = 0; i < x.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(Float32Exp.Exp(x[i])) == BitConverter.SingleToInt32Bits(y[i]),
                    $"exp({x[i]:R}): vector {y[i]:R}, scalar {Float32Exp.Exp(x[i]):R}");
        }
    }

    [Fact]
    public void On_glibc_it_gives_the_bits_of_MathF_Exp()
    {
        // MathF.Exp is glibc's expf on Linux; elsewhere the C runtime's own, which may round a few values otherwise.
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)) return;
        var x = Inputs(1 << 20, 4);
        // And a strided sweep of all 2³² bit patterns (every 4,099th), which reaches every exponent and both signs.
        var sweep = new float[(int)(0x1_0000_0000L / 4099)];
        for (int i = 0; i < sweep.Length; i++) sweep[i] = BitConverter.UInt32BitsToSingle((uint)((long)i * 4099));
        foreach (var values in new[] { x, sweep })
        {
            float[] y = Tensor.From(values, values.Length).Exp().ToFloatArray();
            for (int i = 0; i < values.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(MathF.Exp(values[i])) == BitConverter.SingleToInt32Bits(y[i]),
                    $"exp({values[i]:R}): {y[i]:R}, MathF.Exp {MathF.Exp(values[i]):R}");
        }
    }

    [Fact]
    public void Special_values_and_the_edges_of_the_range()
    {
        float[] x = [0f, -0f, 1f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 88f, -88f,
            88.72283f, 88.72284f, -103.97207f, -103.9721f, -87.33655f, -100f, 1e-30f];
        float[] y = Tensor.From(x, x.Length).Exp().ToFloatArray();
        Assert.Equal(1f, y[0]);
        Assert.Equal(1f, y[1]);
        foreach (int i in new[] { 2, 3, 7, 8, 13 }) Assert.Equal((float)Math.Exp(x[i]), y[i]); // the double exp rounded once
        Assert.True(float.IsNaN(y[4]));
        Assert.Equal(float.PositiveInfinity, y[5]);
        Assert.Equal(0f, y[6]);
        Assert.True(y[8] < 1.1754944e-38f, "exp(-88) is a subnormal");
        Assert.True(float.IsFinite(y[9]) && y[9] > 3.4e38f, "exp(88.72283) is the largest finite range");
        Assert.Equal(float.PositiveInfinity, y[10]);
        Assert.Equal(float.Epsilon, y[11]);                    // the smallest subnormal
        Assert.Equal(0f, y[12]);
        Assert.True(y[14] > 0 && y[14] < 1e-43f, "exp(-100) is a small subnormal");
        Assert.Equal(1f, y[15]);
        // The eight-lane loop takes a chunk holding a special value one element at a time, and gives the same.
        var eight = new float[16];
        x.AsSpan(0, 16).CopyTo(eight);
        var z = new float[16];
        Float32Exp.Run(eight, z);
        Assert.Equal(y, z);
    }
}
