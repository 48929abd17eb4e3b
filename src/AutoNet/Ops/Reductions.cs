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
        x = IntegerSummand(x);
        var d = Elementwise.Uninitialized([], x.DType);
        if (x.DType == DType.Int64) d.Span<long>()[0] = Summation.SumInt64(x.Span<long>());
        else if (x.DType == DType.Float32) d.Span<float>()[0] = Summation.Sum<float>(x.Span<float>());
        else d.Span<double>()[0] = Summation.Sum<double>(x.Span<double>());
        return d;
    }

    /// <summary>Sum along <paramref name="dim"/> (already normalised).</summary>
    public static Tensor SumDim(Tensor x, int dim, bool keepDim)
    {
        x = IntegerSummand(x);
        var d = Elementwise.Uninitialized(ShapeUtil.Reduced(x.ShapeArray, dim, keepDim), x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        if (x.DType == DType.Int64) Summation.SumDimInt64(x.Span<long>(), d.Span<long>(), outer, size, inner);
        else if (x.DType == DType.Float32) Summation.SumDim<float>(x.Span<float>(), d.Span<float>(), outer, size, inner);
        else Summation.SumDim<double>(x.Span<double>(), d.Span<double>(), outer, size, inner);
        return d;
    }

    /// <summary>x, contiguous, with a Bool x as Int64: PyTorch sums bools (and integers) into int64.</summary>
    private static Tensor IntegerSummand(Tensor x) => (x.DType == DType.Bool ? Cast.Forward(x, DType.Int64) : x).Contiguous();

    /// <summary>
    /// Maximum along <paramref name="dim"/> and, for each output element, the index of the first maximum (as
    /// PyTorch returns it). A NaN counts as the maximum, as in PyTorch.
    /// </summary>
    public static (Tensor Values, int[] Indices) MaxDim(Tensor x, int dim, bool keepDim)
    {
        var d = Elementwise.Uninitialized(ShapeUtil.Reduced(x.ShapeArray, dim, keepDim), x.DType);
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, dim);
        var indices = new int[outer * inner];
        if (x.DType == DType.Float32) MaxAlongDim.Run<float>(x.Span<float>(), d.Span<float>(), indices, outer, size, inner);
        else MaxAlongDim.Run<double>(x.Span<double>(), d.Span<double>(), indices, outer, size, inner);
        return (d, indices);
    }
}
