using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Internal;

namespace AutoNet.Kernels;

/// <summary>
/// Reductions along one dimension. A shape is viewed as [outer, size, inner] around the reduced dim; with
/// inner == 1 each output is a SIMD reduction of a contiguous run, otherwise rows of length inner are combined
/// elementwise (also SIMD).
/// </summary>
internal static class Reductions
{
    /// <summary>Sum of every element, as a 0-d tensor.</summary>
    public static Tensor SumAll(Tensor x)
    {
        var d = Tensor.ZeroFilled([], x.DType);
        if (x.DType == DType.Float32) d.Span<float>()[0] = TensorPrimitives.Sum<float>(x.Span<float>());
        else d.Span<double>()[0] = TensorPrimitives.Sum<double>(x.Span<double>());
        return d;
    }

    /// <summary>Sum along <paramref name="dim"/> (already normalised).</summary>
    public static Tensor SumDim(Tensor x, int dim, bool keepDim)
    {
        var d = Tensor.ZeroFilled(ShapeUtil.Reduced(x.ShapeArray, dim, keepDim), x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        if (x.DType == DType.Float32) SumDim<float>(x.Span<float>(), d.Span<float>(), outer, size, inner);
        else SumDim<double>(x.Span<double>(), d.Span<double>(), outer, size, inner);
        return d;
    }

    private static void SumDim<T>(ReadOnlySpan<T> x, Span<T> d, int outer, int size, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                d[o] = TensorPrimitives.Sum(x.Slice(o * size, size));
                continue;
            }
            var dst = d.Slice(o * inner, inner);
            for (int k = 0; k < size; k++)
                TensorPrimitives.Add(dst, x.Slice((o * size + k) * inner, inner), dst);
        }
    }

    /// <summary>
    /// Maximum along <paramref name="dim"/> and, for each output element, the index of the first maximum (as
    /// PyTorch returns it). A NaN counts as the maximum, as in PyTorch.
    /// </summary>
    public static (Tensor Values, int[] Indices) MaxDim(Tensor x, int dim, bool keepDim)
    {
        var d = Tensor.ZeroFilled(ShapeUtil.Reduced(x.ShapeArray, dim, keepDim), x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        var indices = new int[outer * inner];
        if (x.DType == DType.Float32) MaxDim<float>(x.Span<float>(), d.Span<float>(), indices, outer, size, inner);
        else MaxDim<double>(x.Span<double>(), d.Span<double>(), indices, outer, size, inner);
        return (d, indices);
    }

    private static void MaxDim<T>(ReadOnlySpan<T> x, Span<T> d, int[] indices, int outer, int size, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = x[o * size * inner + i];
                for (int k = 1; k < size && !T.IsNaN(bestValue); k++)
                {
                    T v = x[(o * size + k) * inner + i];
                    if (v > bestValue || T.IsNaN(v)) { best = k; bestValue = v; }
                }
                d[o * inner + i] = bestValue;
                indices[o * inner + i] = best;
            }
    }
}
