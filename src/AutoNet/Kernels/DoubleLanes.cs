using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoNet.Kernels;

/// <summary>
/// float32 or float64 spans read and written as vectors of doubles, for kernels that compute in double precision
/// and round once per value (LayerNorm): eight values at a time widened exactly and narrowed with one rounding each,
/// and four rows side by side, one per lane, for row sums that keep each row's order of additions.
/// </summary>
internal static class DoubleLanes
{
    /// <summary>
    /// Four rows side by side, row r + l in lane l of a vector of doubles. A row's sum is a chain of adds, each
    /// waiting for the last; four rows advance in one chain of vector adds, four times the work per wait. Each lane
    /// still adds its row's values in order, so every row gets the bits it gets alone. Past the last row (r1) the
    /// lanes repeat it; they are computed and dropped.
    /// </summary>
    public readonly struct FourRows(int r, int r1, int m)
    {
        private readonly int _o0 = r * m, _o1 = Math.Min(r + 1, r1 - 1) * m, _o2 = Math.Min(r + 2, r1 - 1) * m, _o3 = Math.Min(r + 3, r1 - 1) * m;
        private readonly int _r = r, _r1 = r1;

        /// <summary>How many of the four lanes hold real rows.</summary>
        public int Count => Math.Min(4, _r1 - _r);

        /// <summary>Element j of each row.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Column<T>(ReadOnlySpan<T> v, int j) where T : unmanaged, IFloatingPointIeee754<T> =>
            Vector256.Create(double.CreateTruncating(v[_o0 + j]), double.CreateTruncating(v[_o1 + j]),
                double.CreateTruncating(v[_o2 + j]), double.CreateTruncating(v[_o3 + j]));

        /// <summary>Each row's entry of a per-row array.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Of(double[] perRow) =>
            Vector256.Create(perRow[_r], perRow[Math.Min(_r + 1, _r1 - 1)], perRow[Math.Min(_r + 2, _r1 - 1)], perRow[Math.Min(_r + 3, _r1 - 1)]);
    }

    /// <summary>Eight values from <paramref name="j"/> as two vectors of doubles (float32 widened, exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<double> Low, Vector256<double> High) Eight<T>(ReadOnlySpan<T> v, int j) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var f = Vector256.Create(MemoryMarshal.Cast<T, float>(v).Slice(j, 8));
            return (Vector256.WidenLower(f), Vector256.WidenUpper(f));
        }
        var d = MemoryMarshal.Cast<T, double>(v);
        return (Vector256.Create(d.Slice(j, 4)), Vector256.Create(d.Slice(j + 4, 4)));
    }

    /// <summary>Stores eight doubles from <paramref name="j"/>, each rounded once to the dtype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Span<T> v, int j, Vector256<double> low, Vector256<double> high) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) Vector256.Narrow(low, high).CopyTo(MemoryMarshal.Cast<T, float>(v).Slice(j, 8));
        else
        {
            var d = MemoryMarshal.Cast<T, double>(v);
            low.CopyTo(d.Slice(j, 4));
            high.CopyTo(d.Slice(j + 4, 4));
        }
    }

    /// <summary>sums[j .. j + 8] += the eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInto(double[] sums, int j, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.Create(sums.AsSpan(j, 4)) + low).CopyTo(sums.AsSpan(j, 4));
        (Vector256.Create(sums.AsSpan(j + 4, 4)) + high).CopyTo(sums.AsSpan(j + 4, 4));
    }
}
