using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>The maximum (or minimum) along one dim of a shape viewed as [outer, size, inner], with the index of the
/// first maximum (minimum).</summary>
internal static class MaxAlongDim
{
    /// <summary>
    /// d[o, i] = max_k x[o, k, i] (min_k when <paramref name="min"/>) and indices[o, i] = the first k reaching it (as
    /// PyTorch returns it). A NaN counts as the maximum and the minimum, as in PyTorch. Every element of d and
    /// indices is written (size must be at least 1). For float and integer element types.
    /// </summary>
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> d, int[] indices, int outer, int size, int inner, bool min = false)
        where T : unmanaged, INumber<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = x[o * size * inner + i];
                for (int k = 1; k < size && !T.IsNaN(bestValue); k++)
                {
                    T v = x[(o * size + k) * inner + i];
                    if ((min ? v < bestValue : v > bestValue) || T.IsNaN(v)) { best = k; bestValue = v; }
                }
                d[o * inner + i] = bestValue;
                indices[o * inner + i] = best;
            }
    }
}
