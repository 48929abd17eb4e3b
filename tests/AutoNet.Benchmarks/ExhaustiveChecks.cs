using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Benchmarks;

/// <summary>
/// Checks too long for the test run, over every float32 value: <c>--check-exp</c> (Float32Exp, both its loop and
/// its scalar form, against MathF.Exp: glibc's expf on Linux) and <c>--check-erf</c> (Float32Erf's shortened
/// series against the 65-term one, in each range where it shortens it) and <c>--check-tanh</c> (Float32Tanh's AVX-512
/// route against its portable loop). Each prints how many values differ; all three printed 0 on the 2-core machine
/// (25 s, 81 s and 12 s of wall time).
/// </summary>
internal static class ExhaustiveChecks
{
    /// <summary>All 2³² bit patterns through Float32Exp.Run and Float32Exp.Exp, compared with MathF.Exp.</summary>
    public static int Exp()
    {
        long differ = CountOverAllPatterns(() =>
        {
            var y = new float[Block];
            return x =>
            {
                Float32Exp.Run(x, y);
                long d = 0;
                for (int j = 0; j < x.Length; j++)
                {
                    int want = BitConverter.SingleToInt32Bits(MathF.Exp(x[j]));
                    if (BitConverter.SingleToInt32Bits(y[j]) != want || BitConverter.SingleToInt32Bits(Float32Exp.Exp(x[j])) != want) d++;
                }
                return d;
            };
        });
        Console.WriteLine($"Float32Exp against MathF.Exp, all 2^32 float32 bit patterns: {differ} differ");
        return differ == 0 ? 0 : 1;
    }

    /// <summary>All 2³² bit patterns through Float32Tanh.Run (the AVX-512 route) and Float32Tanh.RunPortable.</summary>
    public static int Tanh()
    {
        if (!Float32TanhFast.IsSupported)
        {
            Console.WriteLine("This machine has no AVX-512: Float32Tanh.Run is the portable loop itself.");
            return 0;
        }
        long differ = CountOverAllPatterns(() =>
        {
            float[] fast = new float[Block], portable = new float[Block];
            return x =>
            {
                Float32Tanh.Run(x, fast);
                Float32Tanh.RunPortable(x, portable);
                long d = 0;
                for (int j = 0; j < x.Length; j++)
                    if (BitConverter.SingleToInt32Bits(fast[j]) != BitConverter.SingleToInt32Bits(portable[j])) d++;
                return d;
            };
        });
        Console.WriteLine($"Float32Tanh's AVX-512 route against its portable loop, all 2^32 float32 bit patterns: {differ} differ");
        return differ == 0 ? 0 : 1;
    }

    private const int Block = 1 << 16;

    /// <summary>
    /// Every float32 bit pattern, in blocks of 2¹⁶ consecutive patterns shared among the cores: each thread makes its
    /// own check (its buffers) with <paramref name="newCheck"/>, and the check returns how many values of a block
    /// differ. Returns the total.
    /// </summary>
    private static long CountOverAllPatterns(Func<Func<float[], long>> newCheck)
    {
        long differ = 0;
        Parallel.For(0, 256, part =>
        {
            var x = new float[Block];
            var check = newCheck();
            long d = 0;
            for (uint block = 0; block < 256; block++)
            {
                uint start = ((uint)part << 24) | (block << 16);
                for (int j = 0; j < x.Length; j++) x[j] = BitConverter.UInt32BitsToSingle(start + (uint)j);
                d += check(x);
            }
            Interlocked.Add(ref differ, d);
        });
        return differ;
    }

    /// <summary>
    /// Every float32 x in [0, limit] for each of Float32Erf's shortened ranges: the series with the terms that
    /// range takes, rounded to float32, against the 65-term series (erf(−x) = −erf(x) exactly in both).
    /// </summary>
    public static int Erf()
    {
        long total = 0;
        foreach (var (limit, terms) in Float32Erf.ShortenedRanges)
        {
            uint top = BitConverter.SingleToUInt32Bits(limit);
            long differ = 0;
            int lanes = Vector<double>.Count;
            Parallel.For(0, 64, part =>
            {
                var buffer = new double[lanes];
                long d = 0;
                uint per = (top + 64) / 64, lo = (uint)part * per, hi = Math.Min(top + 1, lo + per);
                for (uint b = lo; b < hi; b += (uint)lanes)
                {
                    for (int l = 0; l < lanes; l++) buffer[l] = BitConverter.UInt32BitsToSingle(Math.Min(b + (uint)l, top));
                    var c = new Vector<double>(buffer);
                    Vector<double> whole = Float32Erf.Series(c, Float32Erf.AllTerms), shortened = Float32Erf.Series(c, terms);
                    for (int l = 0; l < lanes; l++) if ((float)whole[l] != (float)shortened[l]) d++;
                }
                Interlocked.Add(ref differ, d);
            });
            Console.WriteLine($"Float32Erf, every float32 in [0, {limit}] with {terms} terms against {Float32Erf.AllTerms}: {differ} differ");
            total += differ;
        }
        return total == 0 ? 0 : 1;
    }
}
