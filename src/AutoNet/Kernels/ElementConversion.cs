using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>
/// Converts elements between the four element types, as PyTorch's <c>to(dtype)</c>: a number to a number rounds
/// to nearest (float64 → float32) or truncates toward zero (float → int64; NaN gives 0 and out-of-range values
/// saturate, where PyTorch's result is undefined); a number to bool is <c>x != 0</c> (NaN gives true); bool to a
/// number gives 1 or 0.
/// </summary>
internal static class ElementConversion
{
    /// <summary>d[i] = s[i] converted between number types (double, float, long).</summary>
    public static void Numeric<TFrom, TTo>(ReadOnlySpan<TFrom> s, Span<TTo> d)
        where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged, INumberBase<TTo>
    {
        for (int i = 0; i < s.Length; i++) d[i] = TTo.CreateTruncating(s[i]);
    }

    /// <summary>d[i] = s[i] != 0.</summary>
    public static void ToBool<T>(ReadOnlySpan<T> s, Span<bool> d) where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < s.Length; i++) d[i] = s[i] != T.Zero;
    }

    /// <summary>d[i] = s[i] ? 1 : 0.</summary>
    public static void FromBool<T>(ReadOnlySpan<bool> s, Span<T> d) where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < s.Length; i++) d[i] = s[i] ? T.One : T.Zero;
    }
}
