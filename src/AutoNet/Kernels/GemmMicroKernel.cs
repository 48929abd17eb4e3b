using System.Numerics;
using System.Runtime.CompilerServices;

namespace AutoNet.Kernels;

/// <summary>
/// The innermost loop of the matrix product: a 6 × (2 vectors) tile of C held in 12 vector registers while it
/// accumulates kc rank-one updates from a packed panel of A (6 values per step) and a packed panel of B
/// (2 vectors per step). Each C element is a plain chain of fused multiply-adds over p in order, whatever the
/// vector width and wherever the tile lies, so results do not depend on the machine or on the thread count.
/// </summary>
internal static class GemmMicroKernel
{
    /// <summary>Rows of the register tile (MR).</summary>
    public const int Rows = 6;

    /// <summary>Columns of the register tile (NR): two vectors.</summary>
    public static int Columns<T, TV, TS>() where T : unmanaged where TV : struct where TS : ISimd<TV, T> => 2 * TS.Lanes;

    /// <summary>
    /// C[0..rows, 0..cols] += Ap · Bp for one tile (or = when <paramref name="accumulate"/> is false: the first
    /// depth block, so C needs no zeroing and its memory is first touched by a write). <paramref name="a"/>: the A
    /// panel, row i of step p at <c>a[i·aRow + p·aStep]</c>: (1, 6) for a packed panel (kc steps of 6 values), (its
    /// row stride, 1) for six rows of a row-major matrix read in place, (1, its column stride) for a transposed one;
    /// <paramref name="b"/>: the B panel, step p's NR values from <c>b[p·bStep]</c> (NR for a packed panel, B's row
    /// stride for NR columns of a row-major B read in place); <paramref name="c"/>: the tile's first
    /// element, rows <paramref name="ldc"/> apart. A partial tile (rows &lt; 6 or cols &lt; NR, at the matrix edge)
    /// is computed in full on zero padding and only its valid part is added; all six rows of A must exist (a partial
    /// panel is packed, so that its missing rows read as zeros).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    public static void Run<T, TV, TS>(ref T a, nint aRow, nint aStep, ref T b, nint bStep, int kc, ref T c, int ldc, int rows, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        nuint lanes = (nuint)TS.Lanes, step = 2 * lanes;
        nint a2 = 2 * aRow, a3 = 3 * aRow, a4 = 4 * aRow, a5 = 5 * aRow;
        TV c00 = TS.Zero, c01 = TS.Zero, c10 = TS.Zero, c11 = TS.Zero, c20 = TS.Zero, c21 = TS.Zero;
        TV c30 = TS.Zero, c31 = TS.Zero, c40 = TS.Zero, c41 = TS.Zero, c50 = TS.Zero, c51 = TS.Zero;
        for (int p = 0; p < kc; p++)
        {
            TV b0 = TS.Load(ref b, 0), b1 = TS.Load(ref b, lanes);
            TV ai = TS.Broadcast(a);
            c00 = TS.MultiplyAdd(ai, b0, c00); c01 = TS.MultiplyAdd(ai, b1, c01);
            ai = TS.Broadcast(Unsafe.Add(ref a, aRow));
            c10 = TS.MultiplyAdd(ai, b0, c10); c11 = TS.MultiplyAdd(ai, b1, c11);
            ai = TS.Broadcast(Unsafe.Add(ref a, a2));
            c20 = TS.MultiplyAdd(ai, b0, c20); c21 = TS.MultiplyAdd(ai, b1, c21);
            ai = TS.Broadcast(Unsafe.Add(ref a, a3));
            c30 = TS.MultiplyAdd(ai, b0, c30); c31 = TS.MultiplyAdd(ai, b1, c31);
            ai = TS.Broadcast(Unsafe.Add(ref a, a4));
            c40 = TS.MultiplyAdd(ai, b0, c40); c41 = TS.MultiplyAdd(ai, b1, c41);
            ai = TS.Broadcast(Unsafe.Add(ref a, a5));
            c50 = TS.MultiplyAdd(ai, b0, c50); c51 = TS.MultiplyAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, aStep);
            b = ref Unsafe.Add(ref b, bStep);
        }

        if (rows == Rows && cols == (int)step)
        {
            Write<T, TV, TS>(ref c, c00, c01, accumulate);
            Write<T, TV, TS>(ref Unsafe.Add(ref c, ldc), c10, c11, accumulate);
            Write<T, TV, TS>(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, accumulate);
            Write<T, TV, TS>(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, accumulate);
            Write<T, TV, TS>(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, accumulate);
            Write<T, TV, TS>(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, accumulate);
            return;
        }

        // Edge tile: spill the registers (every element is stored below, so the buffer needs no zeroing), then add
        // the rows × cols that exist: the whole vectors of each row as vectors, the rest element by element.
        Span<T> tile = stackalloc T[Rows * (int)step];
        ref T t = ref tile[0];
        TS.Store(c00, ref t, 0); TS.Store(c01, ref t, lanes);
        TS.Store(c10, ref t, step); TS.Store(c11, ref t, step + lanes);
        TS.Store(c20, ref t, 2 * step); TS.Store(c21, ref t, 2 * step + lanes);
        TS.Store(c30, ref t, 3 * step); TS.Store(c31, ref t, 3 * step + lanes);
        TS.Store(c40, ref t, 4 * step); TS.Store(c41, ref t, 4 * step + lanes);
        TS.Store(c50, ref t, 5 * step); TS.Store(c51, ref t, 5 * step + lanes);
        int whole = cols / (int)lanes * (int)lanes;
        for (int r = 0; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref c, r * ldc);
            ref T spilled = ref Unsafe.Add(ref t, r * (int)step);
            for (int j = 0; j < whole; j += (int)lanes)
            {
                TV v = TS.Load(ref spilled, (nuint)j);
                TS.Store(accumulate ? TS.Add(TS.Load(ref row, (nuint)j), v) : v, ref row, (nuint)j);
            }
            for (int j = whole; j < cols; j++)
            {
                ref T cij = ref Unsafe.Add(ref row, j);
                cij = accumulate ? cij + Unsafe.Add(ref spilled, j) : Unsafe.Add(ref spilled, j);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T, TV, TS>(ref T row, TV v0, TV v1, bool accumulate) where T : unmanaged where TV : struct where TS : ISimd<TV, T>
    {
        nuint lanes = (nuint)TS.Lanes;
        if (accumulate)
        {
            v0 = TS.Add(TS.Load(ref row, 0), v0);
            v1 = TS.Add(TS.Load(ref row, lanes), v1);
        }
        TS.Store(v0, ref row, 0);
        TS.Store(v1, ref row, lanes);
    }
}
