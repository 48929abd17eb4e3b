using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace AutoNet.Kernels;

/// <summary>
/// Variance (or standard deviation) along one dim of a shape viewed as [outer, size, inner], two-pass in double:
/// mean = Σx / n, then Σ(x - mean)² / max(0, n - correction), both sums pairwise (<see cref="Summation"/>). PyTorch
/// accumulates in double too (Welford), so a float32 result is the rounding of an almost exact value, as PyTorch's is.
/// n - correction ≤ 0 divides by 0 (inf, or NaN for a zero sum of squares), as in PyTorch.
/// </summary>
internal static class Variance
{
    /// <summary>d[o, i] = var (or std when <paramref name="sqrt"/>) of x[o, :, i]. Every element of d is written.</summary>
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> d, int outer, int size, int inner, int correction, bool sqrt)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double divisor = Math.Max(0, (double)size - correction);
        var column = ArrayPool<double>.Shared.Rent(size);
        try
        {
            var c = column.AsSpan(0, size);
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    for (int k = 0; k < size; k++) c[k] = double.CreateTruncating(x[(o * size + k) * inner + i]);
                    double mean = Summation.Sum<double>(c) / size;
                    TensorPrimitives.Subtract(c, mean, c);
                    TensorPrimitives.Multiply(c, c, c);
                    double v = Summation.Sum<double>(c) / divisor;
                    d[o * inner + i] = T.CreateTruncating(sqrt ? Math.Sqrt(v) : v);
                }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(column);
        }
    }
}
