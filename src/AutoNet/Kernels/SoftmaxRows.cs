using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace AutoNet.Kernels;

/// <summary>
/// Softmax and log-softmax along one dim of a shape viewed as [outer, size, inner], both computed stably by
/// subtracting the row maximum first: softmax(x) = exp(x - m) / Σ exp(x - m) and
/// log_softmax(x) = x - m - log Σ exp(x - m), with m = max(x), so no exp overflows whatever the inputs. The sums
/// are pairwise (<see cref="Summation"/>).
/// </summary>
internal static class SoftmaxRows
{
    /// <summary>Softmax (<paramref name="log"/> false) or log-softmax (true) of every row; every element of y is written.</summary>
    public static void Run<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int size, int inner, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        // Scratch: a row of exponentials for log-softmax, and for strided rows the gathered row and its result.
        var buffer = ArrayPool<T>.Shared.Rent(3 * size);
        try
        {
            var exps = buffer.AsSpan(0, size);
            if (inner == 1)
            {
                for (int o = 0; o < outer; o++) Row(x.Slice(o * size, size), y.Slice(o * size, size), exps, log);
                return;
            }
            // Strided rows: gather each into a buffer, compute, scatter back.
            var src = buffer.AsSpan(size, size);
            var dst = buffer.AsSpan(2 * size, size);
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    int start = o * size * inner + i;
                    for (int k = 0; k < size; k++) src[k] = x[start + k * inner];
                    Row<T>(src, dst, exps, log);
                    for (int k = 0; k < size; k++) y[start + k * inner] = dst[k];
                }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    private static void Row<T>(ReadOnlySpan<T> x, Span<T> y, Span<T> exps, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A row holding +inf (or only -inf) gives inf - inf = NaN here and a NaN row out, exactly as PyTorch does.
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);   // y = x - m
        if (log)
        {
            // log_softmax = (x - m) - log Σ exp(x - m): the exponentials go to scratch, y keeps x - m. Scalar exps
            // summed in order within a leaf, as PyTorch sums a short row: a cross-entropy trained for 1,000 steps
            // stays within 1e-12 of PyTorch's (ExamplesParityTests.Spirals_trains_the_same_in_TorchSharp).
            if (typeof(T) == typeof(float)) Float32Exp.Run(MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(exps)); // MathF.Exp's bits, vectorised
            else for (int k = 0; k < y.Length; k++) exps[k] = T.Exp(y[k]);
            TensorPrimitives.Subtract(y, T.Log(Summation.Sum<T>(exps, vectorLeaves: false)), y);
        }
        else
        {
            TensorPrimitives.Exp(y, y);
            TensorPrimitives.Divide(y, Summation.Sum<T>(y), y);
        }
    }
}
