using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoNet.Kernels;

/// <summary>
/// A faster route to exactly the bits of <see cref="Float32Tanh"/> on machines with AVX-512: eight values at a time,
/// tanh|x| = (e − 1)/(e + 1) with e = exp(2|x|) from a cheaper exponential (a 16-entry table of 2^(j/16) and a
/// degree-6 polynomial, instead of the general <c>Vector.Exp</c>), then one check per value that this cheaper double
/// result cannot round to another float than the precise one does.
/// <para>Why the check suffices: both doubles are within a small distance of the true tanh (the cheap one within a
/// few hundred double ulps at most, the precise one within a few), so when the cheap result lies farther than
/// <see cref="Margin"/> double ulps from the midpoint between two floats, the true value and the precise result lie
/// on the same side of it, and all three round to the same float. A value nearer a midpoint than that (a few in a
/// million) sends its block of eight to <see cref="Float32Tanh"/>'s own loop, as do NaNs. Values below 2⁻⁵ take
/// <see cref="Float32Tanh"/>'s series, written here with the same operations in the same order.</para>
/// <para>Checked on every float32 bit pattern: <c>dotnet run -c Release --project tests/AutoNet.Benchmarks --
/// --check-tanh</c> prints <c>0 differ</c>.</para>
/// </summary>
internal static class Float32TanhFast
{
    /// <summary>Whether this machine runs the fast route (AVX-512 with its 64-bit integer conversions).</summary>
    public static bool IsSupported => Avx512DQ.IsSupported && Avx512F.IsSupported;

    /// <summary>Distance, in double ulps, from a float midpoint inside which a value is recomputed precisely.</summary>
    private const ulong Margin = 1UL << 12;

    // 2^(j/16) for j = 0..15, correctly rounded, in two vectors for one two-source permute.
    private static readonly Vector512<double> TableLow = Vector512.Create(
        0x3FF0000000000000, 0x3FF0B5586CF9890F, 0x3FF172B83C7D517B, 0x3FF2387A6E756238,
        0x3FF306FE0A31B715, 0x3FF3DEA64C123422, 0x3FF4BFDAD5362A27, 0x3FF5AB07DD485429).AsDouble();
    private static readonly Vector512<double> TableHigh = Vector512.Create(
        0x3FF6A09E667F3BCD, 0x3FF7A11473EB0187, 0x3FF8ACE5422AA0DB, 0x3FF9C49182A3F090,
        0x3FFAE89F995AD3AD, 0x3FFC199BDD85529C, 0x3FFD5818DCFBA487, 0x3FFEA4AFA2A490DA).AsDouble();

    /// <summary>
    /// y[i] = tanh(x[i]) for the first whole blocks of eight values; returns how many it wrote (the caller finishes
    /// the rest with <see cref="Float32Tanh"/>'s loop, which takes the same blocks of eight and the same tail).
    /// </summary>
    public static int Run(ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= x.Length - 8; i += 8)
        {
            var v = Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref xs, (nuint)i));
            if (TryBlock(v, out var t)) Avx512F.ConvertToVector256Single(t).StoreUnsafe(ref ys, (nuint)i);
            else Float32Tanh.RunPortable(x.Slice(i, 8), y.Slice(i, 8));
        }
        return i;
    }

    /// <summary>tanh of eight doubles, or false when one of them is NaN or too near a float midpoint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryBlock(Vector512<double> v, out Vector512<double> t)
    {
        var sign = Vector512.Create(0x8000000000000000UL);
        var a = (v.AsUInt64() & ~sign).AsDouble();
        var e = AbsTanh(a);
        // The bits of e below float precision (29 of double's 52) against the midpoint pattern 1000…0.
        var below = (e.AsUInt64() & Vector512.Create((1UL << 29) - 1)) - Vector512.Create((1UL << 28) - Margin);
        var small = Vector512.LessThan(a, Vector512.Create(0.03125)).AsUInt64();
        var doubtful = Vector512.LessThanOrEqual(below, Vector512.Create(2 * Margin)) & ~small;
        t = (e.AsUInt64() | (v.AsUInt64() & sign)).AsDouble();                     // sign(v)·tanh|v|
        if ((doubtful | ~Vector512.Equals(v, v).AsUInt64()) != Vector512<ulong>.Zero) return false;
        if (small != Vector512<ulong>.Zero) t = Vector512.ConditionalSelect(small.AsDouble(), Series(v), t);
        return true;
    }

    /// <summary>(e − 1)/(e + 1), e = exp(2·min(a, 20)) = 2^(k/16)·exp(r), r = 2a − k·ln2/16 (|r| ≤ ln2/32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> AbsTanh(Vector512<double> a)
    {
        var y = Vector512.Min(a, Vector512.Create(20.0)) * 2;
        var kf = Avx512F.RoundScale(y * Vector512.Create(23.083120654223414), 0x08);    // round(y·16/ln2)
        var r = Vector512.FusedMultiplyAdd(kf, Vector512.Create(-0.04332169843837619), y); // ln2/16, high part
        r = Vector512.FusedMultiplyAdd(kf, Vector512.Create(-3.466203921109745E-10), r);   // and the rest
        var k = Avx512DQ.ConvertToVector512Int64(kf);
        var scale = Avx512F.PermuteVar8x64x2(TableLow, k & Vector512.Create(15L), TableHigh);
        // exp(r) − 1 by its Taylor polynomial to r⁶ (the next term is below 5e-16 of the result).
        var p = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 720), Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512<double>.One) * r;
        var e = Vector512.FusedMultiplyAdd(scale, p, scale);
        e = (e.AsInt64() + ((k >> 4) << 52)).AsDouble();                                  // · 2^(k div 16)
        return (e - Vector512<double>.One) / (e + Vector512<double>.One);
    }

    /// <summary><see cref="Float32Tanh"/>'s series, the same operations in the same order (no fused multiply-adds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Series(Vector512<double> v)
    {
        var s = v * v;
        return v * (Vector512<double>.One + s * (Vector512.Create(Float32Tanh.C1) + s * (Vector512.Create(Float32Tanh.C2)
            + s * (Vector512.Create(Float32Tanh.C3) + s * Vector512.Create(Float32Tanh.C4)))));
    }
}
