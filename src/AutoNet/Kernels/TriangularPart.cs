using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>The lower or upper triangle of each matrix of a batch [batch, rows, cols], the rest zeroed.</summary>
internal static class TriangularPart
{
    /// <summary>
    /// d[b, r, c] = x[b, r, c] where c - r ≤ diagonal (lower, PyTorch's tril) or c - r ≥ diagonal (upper, triu),
    /// else 0. Every element of d is written.
    /// </summary>
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> d, int batch, int rows, int cols, int diagonal, bool upper)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = 0; b < batch; b++)
            for (int r = 0; r < rows; r++)
            {
                int start = (b * rows + r) * cols;
                // The kept columns of row r: [0, r + diagonal] (lower) or [r + diagonal, cols) (upper).
                int split = (int)Math.Clamp((long)r + diagonal + (upper ? 0 : 1), 0, cols);
                var row = x.Slice(start, cols);
                var dst = d.Slice(start, cols);
                if (upper)
                {
                    dst[..split].Clear();
                    row[split..].CopyTo(dst[split..]);
                }
                else
                {
                    row[..split].CopyTo(dst[..split]);
                    dst[split..].Clear();
                }
            }
    }
}
