using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// Float32Tanh's AVX-512 route (Float32TanhFast) gives the portable loop's bits: on random bit patterns, on every
/// float near the places where it switches (the series below 2⁻⁵, the cap at 20, saturation near 9), on values whose
/// tanh lies close to a float midpoint, on special values, and for every length's tail. The sweep over all 2³² patterns
/// is <c>--check-tanh</c> in the benchmark project. On a machine without AVX-512, Run is the portable loop itself.
/// </summary>
public class Float32TanhFastTests
{
    private static void AssertSameBits(float[] x)
    {
        float[] fast = new float[x.Length], portable = new float[x.Length];
        Float32Tanh.Run(x, fast);
        Float32Tanh.RunPortable(x, portable);
        for (int i = 0; i < x.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(fast[i]) == BitConverter.SingleToInt32Bits(portable[i]),
                $"tanh({x[i]:R}) (0x{BitConverter.SingleToUInt32Bits(x[i]):X8}): {fast[i]:R} by the fast route, {portable[i]:R} by the portable loop");
    }

    [Fact]
    public void Random_bit_patterns_give_the_portable_bits()
    {
        var rng = new Random(11);
        var x = new float[1 << 20];
        for (int i = 0; i < x.Length; i++) x[i] = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
        AssertSameBits(x);
    }

    [Theory]
    [InlineData(0.03125f)]  // series below, exponential from here
    [InlineData(20f)]       // the cap
    [InlineData(9.0109f)]   // where tanh starts to round to 1
    [InlineData(0.5f)]
    [InlineData(1f)]
    [InlineData(2f)]
    public void Every_float_around_a_switch_gives_the_portable_bits(float centre)
    {
        uint c = BitConverter.SingleToUInt32Bits(centre);
        var x = new float[2 * 40_000];
        for (int i = 0; i < x.Length / 2; i++)
        {
            x[2 * i] = BitConverter.UInt32BitsToSingle(c - 20_000 + (uint)i);
            x[2 * i + 1] = -x[2 * i];
        }
        AssertSameBits(x);
    }

    [Fact]
    public void Values_whose_tanh_lies_near_a_float_midpoint_give_the_portable_bits()
    {
        // Found by perturbing the fast route's double result by one part in 10¹² (about 4,500 double ulps): each of
        // these then rounds to another float: they lie within about 4,500 double ulps of a float midpoint, the
        // neighbourhood the route's closeness check guards.
        uint[] hard = [0x3D01F442, 0x3D02B54C, 0x3D03206F, 0x3D0368BF, 0x3D07B78D, 0x3D090D8F, 0x3D091B85, 0x3D0BA9A2, 0x3D0D3215, 0x3D10E08B];
        var x = new float[hard.Length * 8];
        for (int i = 0; i < x.Length; i++) x[i] = BitConverter.UInt32BitsToSingle(hard[i % hard.Length]) * (i / hard.Length % 2 == 0 ? 1 : -1);
        AssertSameBits(x);
    }

    [Fact]
    public void Special_values_and_every_tail_length_give_the_portable_bits()
    {
        float[] special = [0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, float.MaxValue, float.MinValue, float.PositiveInfinity,
            float.NegativeInfinity, float.NaN, BitConverter.Int32BitsToSingle(0x7FA00001), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC12345)),
            0.03125f, -0.03125f, 0.5f, -3f, 20f, 1e4f];
        AssertSameBits(special);
        var rng = new Random(3);
        for (int n = 0; n <= 40; n++)
        {
            var x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float)(rng.NextDouble() * 8 - 4);
            if (n > 5) x[n / 2] = float.NaN;    // a NaN sends its block of eight to the portable loop
            AssertSameBits(x);
        }
    }
}
