namespace AutoNet.Data;

/// <summary>
/// Sine and cosine exactly as NumPy 1.24 computes <c>np.sin</c> / <c>np.cos</c> for float64 arrays on an
/// x86-64 CPU with AVX-512 (AVX512_SKX): NumPy's SIMD loops (<c>simd_sin_f64</c> / <c>simd_cos_f64</c> in
/// <c>loops_umath_fp.dispatch.c.src</c>) call Intel SVML's low-accuracy kernels <c>__svml_sin8</c> and
/// <c>__svml_cos8</c> (numpy/SVML, <c>svml_z0_sin_d_la.s</c> / <c>svml_z0_cos_d_la.s</c>), which are within
/// 4 ulp but are NOT the correctly rounded C library results that <see cref="Math.Sin"/> gives: about 60% of
/// the values differ from glibc's by 1 to 3 ulp.
/// </summary>
/// <remarks>
/// <para>This class repeats the kernels' main path operation by operation (the same fused multiply-adds in
/// the same order, with the same constants), so the result is bit-for-bit NumPy's. The main path covers
/// |x| up to 2^24 (sine) and about 2^23 * pi (cosine); beyond that SVML switches to a Payne-Hanek reduction
/// that is not repeated here, and these methods fall back to <see cref="Math.Sin"/> / <see cref="Math.Cos"/>.
/// The datasets only need arguments in [0, 2*pi].</para>
/// <para>Machines whose NumPy takes another path (no AVX-512, or NumPy 1.25+ which dropped SVML for
/// float64 sin/cos) produce glibc's values instead; the recorded fixtures come from an AVX-512 machine.</para>
/// </remarks>
internal static class SvmlTrig
{
    // Constants shared by both kernels (bit patterns from the __svml_dsin/dcos_data_internal tables).
    private static readonly double InvPi = BitConverter.UInt64BitsToDouble(0x3FD45F306DC9C883);  // 1/pi
    private static readonly double Pi1 = BitConverter.UInt64BitsToDouble(0x400921FB54442D18);    // pi, head
    private static readonly double Pi2 = BitConverter.UInt64BitsToDouble(0x3CA1A62633145C06);    // pi, middle
    private static readonly double Pi3 = BitConverter.UInt64BitsToDouble(0x395C1CD129024E09);    // pi, tail

    // __svml_sin8: shifter 2^52 + 2^51 rounds x/pi to the nearest integer N.
    private const double SinShifter = 6755399441055744.0;
    private const double SinRangeVal = 16777216.0; // 2^24: above it SVML takes the long reduction

    private static readonly double[] SinPoly = Bits( // C1 .. C7 at offsets 832 .. 1216
        0xBFC55555555554A8, 0x3F8111111110A573, 0xBF2A01A019A659DD, 0x3EC71DE3806ADD1A,
        0xBE5AE6355AAA4A53, 0x3DE60E6BEE01D83E, 0xBD69F1517E9F65F0);

    // __svml_cos8: 2^52 with round-toward-zero gives N = floor(|x|/pi); subtracting 2^52 - 0.5 gives N + 0.5.
    private const double CosShifter = 4503599627370496.0;
    private const double CosShifterMinusHalf = 4503599627370495.5;
    private static readonly double CosRangeVal = BitConverter.UInt64BitsToDouble(0x43300000007FFFFE);
    private static readonly double CosTiny = BitConverter.UInt64BitsToDouble(0x3E40000000000000); // 2^-27

    private static readonly double[] CosPoly = Bits( // offsets 832, 960, 1024, 1088, 1152, 1216, 1280
        0xBFC55555555554A7, 0x3F8111111110A4A8, 0xBF2A01A019A5B87B, 0x3EC71DE38030FEA0,
        0xBE5AE63546002231, 0x3DE60E6857A2F220, 0xBD69F0D60811AAC8);

    /// <summary>NumPy's float64 <c>np.sin(x)</c> on AVX-512 (SVML <c>__svml_sin8</c>, main path).</summary>
    /// <param name="x">The angle in radians.</param>
    /// <returns>The sine, bit-for-bit NumPy's for |x| &lt;= 2^24.</returns>
    public static double Sin(double x)
    {
        if (!(Math.Abs(x) <= SinRangeVal))
        {
            return Math.Sin(x); // long-reduction path (or NaN/Inf): not repeated here
        }

        // arg = N*pi + R; sin(arg) = (-1)^N * sin(R).
        double y = Math.FusedMultiplyAdd(x, InvPi, SinShifter);   // vfmadd213pd: x/pi + shifter
        ulong sign = BitConverter.DoubleToUInt64Bits(y) << 63;     // vpsllq 63: parity of N -> sign bit
        if (x == 0.0)
        {
            sign ^= BitConverter.DoubleToUInt64Bits(x);            // keep the sign of +-0
        }

        double dN = y - SinShifter;
        double r = Math.FusedMultiplyAdd(-dN, Pi1, x);             // vfnmadd: x - N*pi_head
        r = Math.FusedMultiplyAdd(-dN, Pi2, r);                    // - N*pi_middle
        double r2 = r * r;                                         // R^2 before the tail correction
        r = Math.FusedMultiplyAdd(-dN, Pi3, r);                    // - N*pi_tail

        double poly = Math.FusedMultiplyAdd(r2, SinPoly[6], SinPoly[5]);
        for (int k = 4; k >= 0; k--)
        {
            poly = Math.FusedMultiplyAdd(r2, poly, SinPoly[k]);   // Horner, one FMA per coefficient
        }

        double res = Math.FusedMultiplyAdd(r * r2, poly, r);       // R + R^3 * P(R^2)
        return BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(res) ^ sign);
    }

    /// <summary>NumPy's float64 <c>np.cos(x)</c> on AVX-512 (SVML <c>__svml_cos8</c>, main path).</summary>
    /// <param name="x">The angle in radians.</param>
    /// <returns>The cosine, bit-for-bit NumPy's for |x| up to about 2^23 * pi.</returns>
    public static double Cos(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax <= SinRangeVal))
        {
            return Math.Cos(x); // far outside what the datasets need (or NaN/Inf): not repeated here
        }

        // |x| + pi/2 = (N + 0.5)*pi + ...; cos(|x|) = (-1)^N * sin(S) with S = (N + 0.5)*pi - |x|.
        double y = CosShifter + FloorOfProduct(ax, InvPi);         // vfmadd231pd {rz-sae}: |x|/pi + 2^52
        if (y > CosRangeVal)
        {
            return Math.Cos(x); // SVML's own long-reduction test; unreachable below 2^24
        }

        ulong sign = BitConverter.DoubleToUInt64Bits(y) << 63;
        double dN = y - CosShifterMinusHalf;                       // N + 0.5
        double s = Math.FusedMultiplyAdd(dN, Pi1, -ax);            // vfmsub213pd: dN*pi_head - |x|
        s = Math.FusedMultiplyAdd(Pi2, dN, s);                     // + dN*pi_middle
        double s2 = s * s;
        s = Math.FusedMultiplyAdd(Pi3, dN, s);                     // + dN*pi_tail

        double poly = Math.FusedMultiplyAdd(CosPoly[6], s2, CosPoly[5]);
        for (int k = 4; k >= 0; k--)
        {
            poly = Math.FusedMultiplyAdd(s2, poly, CosPoly[k]);
        }

        double signed = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(s) ^ sign);
        double res = Math.FusedMultiplyAdd(signed * s2, poly, signed);
        return ax < CosTiny ? 1.0 : res;                           // vblendmpd: cos of a tiny x is 1
    }

    /// <summary>
    /// floor(a*b) of the exact product (a, b &gt;= 0, product &lt; 2^52): what the round-toward-zero FMA
    /// <c>a*b + 2^52</c> keeps of the product. RN(a*b) can only have rounded across an integer if it
    /// landed exactly on that integer, which the FMA residual's sign reveals.
    /// </summary>
    private static double FloorOfProduct(double a, double b)
    {
        double p = a * b;
        double n = Math.Floor(p);
        if (n == p && Math.FusedMultiplyAdd(a, b, -p) < 0)
        {
            n -= 1.0;
        }

        return n;
    }

    private static double[] Bits(params ulong[] bits) =>
        Array.ConvertAll(bits, BitConverter.UInt64BitsToDouble);
}
