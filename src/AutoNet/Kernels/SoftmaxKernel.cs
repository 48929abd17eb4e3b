using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Internal;

namespace AutoNet.Kernels;

/// <summary>
/// Softmax and log-softmax along one dim, both computed stably by subtracting the row maximum first:
/// softmax(x) = exp(x - m) / Σ exp(x - m) and log_softmax(x) = x - m - log Σ exp(x - m), with m = max(x),
/// so no exp overflows whatever the inputs.
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>Softmax (<paramref name="log"/> false) or log-softmax (true) along normalised dim <paramref name="dim"/>.</summary>
    public static Tensor Run(Tensor x, int dim, bool log)
    {
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        if (x.DType == DType.Float32) Run<float>(x.Span<float>(), y.Span<float>(), outer, size, inner, log);
        else Run<double>(x.Span<double>(), y.Span<double>(), outer, size, inner, log);
        return y;
    }

    private static void Run<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int size, int inner, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++) Row(x.Slice(o * size, size), y.Slice(o * size, size), log);
            return;
        }
        // Strided rows: gather each into a buffer, compute, scatter back.
        var buffer = ArrayPool<T>.Shared.Rent(2 * size);
        try
        {
            var src = buffer.AsSpan(0, size);
            var dst = buffer.AsSpan(size, size);
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    int start = o * size * inner + i;
                    for (int k = 0; k < size; k++) src[k] = x[start + k * inner];
                    Row<T>(src, dst, log);
                    for (int k = 0; k < size; k++) y[start + k * inner] = dst[k];
                }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    private static void Row<T>(ReadOnlySpan<T> x, Span<T> y, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A row holding +inf (or only -inf) gives inf - inf = NaN here and a NaN row out, exactly as PyTorch does.
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);   // y = x - m
        if (log)
        {
            // log_softmax = (x - m) - log Σ exp(x - m); exp into y temporarily would lose x - m, so sum directly.
            T sum = T.Zero;
            for (int k = 0; k < y.Length; k++) sum += T.Exp(y[k]);
            TensorPrimitives.Subtract(y, T.Log(sum), y);
        }
        else
        {
            TensorPrimitives.Exp(y, y);
            TensorPrimitives.Divide(y, TensorPrimitives.Sum<T>(y), y);
        }
    }
}
