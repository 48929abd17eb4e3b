using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// Selection.Where picks 4- and 8-byte elements a vector at a time and reads a one-element operand as a broadcast
/// scalar; here it is checked element by element against the definition d[i] = c[i] ? a[i] : b[i], for every length
/// around the vector widths, each element type, and a scalar on either side.
/// </summary>
public class SelectionTests
{
    [Fact]
    public void Where_picks_what_the_definition_picks_for_every_length_and_type()
    {
        var random = new Random(7);
        for (int n = 0; n <= 40; n++)
        {
            bool[] c = [.. Enumerable.Range(0, n).Select(_ => random.Next(2) == 1)];
            Check(c, random, i => (float)i + 0.5f, i => -(float)i);
            Check(c, random, i => (double)i + 0.25, i => -(double)i - 1e300);
            Check(c, random, i => (long)i << 40, i => -(long)i);
            Check(c, random, i => i % 3 == 0, i => i % 2 == 0);
        }
    }

    [Fact]
    public void Where_keeps_the_bits_of_what_it_picks()
    {
        // Selection moves values: NaN payloads, −0 and infinities come through unchanged.
        float[] a = [float.NaN, -0f, float.PositiveInfinity, BitConverter.Int32BitsToSingle(0x7fc00123), 1, 2, 3, 4, 5];
        float[] b = [0f, float.NegativeInfinity, -0f, 7, 8, 9, 10, 11, 12];
        bool[] c = [true, true, false, true, false, true, false, true, true];
        var d = new float[9];
        Selection.Where<float>(c, a, b, d);
        for (int i = 0; i < 9; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(c[i] ? a[i] : b[i]), BitConverter.SingleToInt32Bits(d[i]));
    }

    private static void Check<T>(bool[] c, Random random, Func<int, T> fa, Func<int, T> fb) where T : unmanaged
    {
        int n = c.Length;
        T[] a = [.. Enumerable.Range(0, n).Select(fa)], b = [.. Enumerable.Range(0, n).Select(fb)];
        T one = fa(random.Next(100)), other = fb(random.Next(100));
        foreach (var (left, right) in new[] { (a, b), ([one], b), (a, [other]), ([one], new T[] { other }) })
        {
            var d = new T[n];
            Selection.Where<T>(c, left, right, d);
            for (int i = 0; i < n; i++)
                Assert.True(Equals(c[i] ? left[left.Length == 1 ? 0 : i] : right[right.Length == 1 ? 0 : i], d[i]),
                    $"{typeof(T).Name}, length {n}, a {left.Length}, b {right.Length}: element {i} is {d[i]}");
        }
    }
}
