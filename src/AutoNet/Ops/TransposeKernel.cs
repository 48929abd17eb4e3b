using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The Tensor-level entry point of transposition (the span-level loop is <see cref="Transposition"/>).</summary>
internal static class TransposeKernel
{
    /// <summary>Swaps two (normalised) dimensions, copying into a new contiguous tensor.</summary>
    public static Tensor Run(Tensor x, int dim0, int dim1)
    {
        var shape = (int[])x.ShapeArray.Clone();
        (shape[dim0], shape[dim1]) = (shape[dim1], shape[dim0]);
        var y = Elementwise.Uninitialized(shape, x.DType);
        x = x.Contiguous();
        switch (x.DType)
        {
            case DType.Float32: Transposition.Transpose<float>(x.Span<float>(), y.Span<float>(), x.ShapeArray, dim0, dim1); break;
            case DType.Int64: Transposition.Transpose<long>(x.Span<long>(), y.Span<long>(), x.ShapeArray, dim0, dim1); break;
            case DType.Bool: Transposition.Transpose<bool>(x.Span<bool>(), y.Span<bool>(), x.ShapeArray, dim0, dim1); break;
            default: Transposition.Transpose<double>(x.Span<double>(), y.Span<double>(), x.ShapeArray, dim0, dim1); break;
        }
        return y;
    }
}
