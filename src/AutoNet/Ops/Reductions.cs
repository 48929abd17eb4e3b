using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The Tensor-level entry points of the reductions along one dimension (a shape viewed as [outer, size, inner]
/// around the reduced dim): each allocates the output and runs the span-level kernel, <see cref="Summation"/>
/// (pairwise) for sums and <see cref="MaxAlongDim"/> for maxima.
/// </summary>
internal static class Reductions
{
    /// <summary>Sum of every element, as a 0-d tensor (Int64 for an Int64 or Bool x, as PyTorch).</summary>
    public static Tensor SumAll(Tensor x)
    {
        x = Contiguous.Values(IntegerSummand(x));
        var d = Elementwise.Uninitialized([], x.DType);
        if (x.DType == DType.Int64) d.Span<long>()[0] = Summation.SumInt64(x.Span<long>());
        else if (x.DType == DType.Float32) d.Span<float>()[0] = Summation.Sum<float>(x.Span<float>());
        else d.Span<double>()[0] = Summation.Sum<double>(x.Span<double>());
        return d;
    }

    /// <summary>Sum along <paramref name="dim"/> (already normalised).</summary>
    public static Tensor SumDim(Tensor x, int dim, bool keepDim)
    {
        x = Contiguous.Values(IntegerSummand(x));
        var d = Elementwise.Uninitialized(ShapeUtil.Reduced(x.ShapeArray, dim, keepDim), x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        if (x.DType == DType.Int64) Summation.SumDimInt64(x.Span<long>(), d.Span<long>(), outer, size, inner);
        else if (x.DType == DType.Float32) Summation.SumDim<float>(x.Span<float>(), d.Span<float>(), outer, size, inner);
        else Summation.SumDim<double>(x.Span<double>(), d.Span<double>(), outer, size, inner);
        return d;
    }

    /// <summary>x, contiguous, with a Bool x as Int64: PyTorch sums bools (and integers) into int64.</summary>
    private static Tensor IntegerSummand(Tensor x) => x.DType == DType.Bool ? Cast.Forward(x, DType.Int64) : x;

    /// <summary>
    /// Maximum (or, with <paramref name="min"/>, minimum) along <paramref name="dim"/> and, for each output element, the
    /// index of the first maximum (as PyTorch returns it). A NaN counts as the maximum, as in PyTorch. Any dtype: a
    /// Bool x is compared as 0/1 and gives Bool values.
    /// </summary>
    public static (Tensor Values, int[] Indices) MaxDim(Tensor x, int dim, bool keepDim, bool min = false)
    {
        if (x.DType == DType.Bool)
        {
            var (v, idx) = MaxDim(Cast.Forward(x, DType.Int64), dim, keepDim, min);
            return (Cast.Forward(v, DType.Bool), idx);
        }
        x = Contiguous.Values(x);
        var d = Elementwise.Uninitialized(ShapeUtil.Reduced(x.ShapeArray, dim, keepDim), x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        var indices = new int[outer * inner];
        switch (x.DType)
        {
            case DType.Float32: MaxAlongDim.Run<float>(x.Span<float>(), d.Span<float>(), indices, outer, size, inner, min); break;
            case DType.Int64: MaxAlongDim.Run<long>(x.Span<long>(), d.Span<long>(), indices, outer, size, inner, min); break;
            default: MaxAlongDim.Run<double>(x.Span<double>(), d.Span<double>(), indices, outer, size, inner, min); break;
        }
        return (d, indices);
    }

    /// <summary>Indices as returned by <see cref="MaxDim"/>, as an Int64 tensor of <paramref name="shape"/>.</summary>
    public static Tensor IndexTensor(int[] indices, int[] shape)
    {
        var t = Elementwise.Uninitialized(shape, DType.Int64);
        var span = t.Span<long>();
        for (int i = 0; i < indices.Length; i++) span[i] = indices[i];
        return t;
    }
}
