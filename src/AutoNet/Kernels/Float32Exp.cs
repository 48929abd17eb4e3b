using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoNet.Kernels;

/// <summary>
/// exp of float32 values, eight at a time, bit for bit what glibc's <c>expf</c> gives (glibc has used this
/// algorithm, from Arm's optimized-routines, since 2.28; it is what <c>MathF.Exp</c> calls on Linux). Every float
/// was checked against MathF.Exp on glibc 2.36 and none differs (<c>dotnet run -c Release --project
/// tests/AutoNet.Benchmarks -- --check-exp</c>, 25 s; <c>Float32ExpTests</c> replays a sample). On other
/// platforms AutoNet's float32 exp gives these same bits, where the C runtime's own expf may round some values the
/// other way.
/// <para>The algorithm, in double precision: with N = 32, write x·N/ln2 = k + r, k an integer and |r| ≤ 1/2
/// (rounded with the 1.5·2⁵² shift trick); then exp(x) = 2^(k/N) · 2^(r/N), where 2^(k/N) is a table entry
/// 2^((k mod N)/N) with k div N added to its exponent bits, and 2^(r/N) ≈ 1 + C2·r + C1·r² + C0·r³. The result is
/// rounded to float once. The multiply-adds are fused, as in glibc's FMA build.</para>
/// </summary>
internal static class Float32Exp
{
    /// <summary>Table[i] = the bits of 2^(i/32) minus i &lt;&lt; 47, so that adding k &lt;&lt; 47 gives 2^(k/32).</summary>
    private static readonly ulong[] Table =
    [
        0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
        0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
        0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
        0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
        0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
        0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
        0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
        0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
    ];

    private static readonly double InvLn2N = BitConverter.UInt64BitsToDouble(0x40471547652b82fe); // 32 / ln 2
    private static readonly double Shift = BitConverter.UInt64BitsToDouble(0x4338000000000000);   // 1.5 · 2⁵²
    private static readonly double C0 = BitConverter.UInt64BitsToDouble(0x3ebc6af84b912394);      // ≈ (ln2/32)³/6
    private static readonly double C1 = BitConverter.UInt64BitsToDouble(0x3f2ebfce50fac4f3);      // ≈ (ln2/32)²/2
    private static readonly double C2 = BitConverter.UInt64BitsToDouble(0x3f962e42ff0c52d6);      // ≈ ln2/32

    /// <summary>Above this, exp overflows float32 (0x1.62e42ep6, about 88.72): the result is +∞.</summary>
    private static readonly float OverflowBound = BitConverter.UInt32BitsToSingle(0x42b17217);

    /// <summary>Below this, exp rounds to +0 in float32 (−0x1.9fe368p6, about −103.97).</summary>
    private static readonly float UnderflowBound = BitConverter.UInt32BitsToSingle(0xc2cff1b4);

    /// <summary>y[i] = exp(x[i]) for every i (x and y may be the same span).</summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            ref float src = ref MemoryMarshal.GetReference(x);
            ref float dst = ref MemoryMarshal.GetReference(y);
            var limit = Vector256.Create(88f);
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                // |x| ≥ 88 (overflow, underflow, subnormal results) or NaN in any lane: those eight go one by one.
                if (!Vector256.LessThanAll(Vector256.Abs(v), limit))
                {
                    for (int j = i; j < i + 8; j++) Unsafe.Add(ref dst, j) = Exp(Unsafe.Add(ref src, j));
                    continue;
                }
                var low = Core(Avx.ConvertToVector256Double(v.GetLower()));
                var high = Core(Avx.ConvertToVector256Double(v.GetUpper()));
                Vector256.Create(Avx.ConvertToVector128Single(low), Avx.ConvertToVector128Single(high)).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < x.Length; i++) y[i] = Exp(x[i]);
    }

    /// <summary>exp(x) for one value; the special cases first, as glibc takes them.</summary>
    public static float Exp(float x)
    {
        if (!(MathF.Abs(x) < 88f))
        {
            if (float.IsNaN(x)) return x + x;                       // a signalling NaN comes back quiet
            if (x > OverflowBound) return float.PositiveInfinity;  // +∞ included
            if (x < UnderflowBound) return 0f;                      // −∞ included
        }
        double xd = x;
        double kd = Math.FusedMultiplyAdd(InvLn2N, xd, Shift);     // k + 1.5·2⁵²: k is in the low bits
        ulong ki = BitConverter.DoubleToUInt64Bits(kd);
        kd -= Shift;                                                // k
        double r = Math.FusedMultiplyAdd(InvLn2N, xd, -kd);        // x·N/ln2 − k
        double s = BitConverter.UInt64BitsToDouble(Table[(int)(ki % 32)] + (ki << 47)); // 2^(k/N)
        double z = Math.FusedMultiplyAdd(C0, r, C1);
        double r2 = r * r;
        double p = Math.FusedMultiplyAdd(C2, r, 1);
        p = Math.FusedMultiplyAdd(z, r2, p);                        // 2^(r/N) ≈ 1 + C2·r + C1·r² + C0·r³
        return (float)(p * s);
    }

    /// <summary>The lines of <see cref="Exp(float)"/> on four lanes, for |x| &lt; 88.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Core(Vector256<double> xd)
    {
        var kd = Fma.MultiplyAdd(Vector256.Create(InvLn2N), xd, Vector256.Create(Shift));
        var ki = kd.AsUInt64();
        kd -= Vector256.Create(Shift);
        var r = Fma.MultiplySubtract(Vector256.Create(InvLn2N), xd, kd);
        Vector256<ulong> entry;
        fixed (ulong* table = Table)
            entry = Avx2.GatherVector256(table, (ki & Vector256.Create(31UL)).AsInt64(), 8);
        var s = (entry + (ki << 47)).AsDouble();
        var z = Fma.MultiplyAdd(Vector256.Create(C0), r, Vector256.Create(C1));
        var r2 = r * r;
        var p = Fma.MultiplyAdd(Vector256.Create(C2), r, Vector256<double>.One);
        p = Fma.MultiplyAdd(z, r2, p);
        return p * s;
    }
}
