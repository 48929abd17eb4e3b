using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>The values of the sequence factories (Arange, Linspace, Eye), as PyTorch's CPU kernels compute them.</summary>
internal static class Sequences
{
    /// <summary>d[i] = start + i·step, computed in double and rounded to T (PyTorch's accumulate type for floats).</summary>
    public static void Arange<T>(Span<T> d, double start, double step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(start + step * i);
    }

    /// <summary>
    /// d evenly spaced from start to end (both included): step = (end - start) / (n - 1) in T, the first half counted
    /// up from start and the second half down from end, so both ends are exact (PyTorch's linspace kernel).
    /// </summary>
    public static void Linspace<T>(Span<T> d, double start, double end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        if (n == 0) return;
        T s = T.CreateTruncating(start), e = T.CreateTruncating(end);
        if (n == 1) { d[0] = s; return; }
        T step = (e - s) / T.CreateTruncating(n - 1);
        int halfway = n / 2;
        for (int i = 0; i < n; i++)
            d[i] = i < halfway ? s + step * T.CreateTruncating(i) : e - step * T.CreateTruncating(n - i - 1);
    }

    /// <summary>Writes ones on the main diagonal of the rows × cols matrix d, which arrives zeroed.</summary>
    public static void Eye<T>(Span<T> d, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < Math.Min(rows, cols); i++) d[i * cols + i] = T.One;
    }
}
