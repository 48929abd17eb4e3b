using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>
/// Running sums along one dim of a shape viewed as [outer, size, inner]. Sequential, as PyTorch's CPU cumsum is, with
/// its accumulator: a double for float32 and float64 alike (<c>acc_type&lt;float, false&gt;</c> is double), each
/// output rounded to T, so AutoNet gives PyTorch's numbers bit for bit.
/// </summary>
internal static class CumulativeSum
{
    /// <summary>
    /// d[o, k, i] = Σ_{j ≤ k} x[o, j, i], or Σ_{j ≥ k} when <paramref name="reverse"/> (the gradient of a cumsum, PyTorch's
    /// flip-cumsum-flip). Every element of d is written.
    /// </summary>
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> d, int outer, int size, int inner, bool reverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                double sum = 0;
                for (int s = 0; s < size; s++)
                {
                    int k = reverse ? size - 1 - s : s;
                    int at = (o * size + k) * inner + i;
                    sum += double.CreateTruncating(x[at]);
                    d[at] = T.CreateTruncating(sum);
                }
            }
    }
}
