using System.Numerics;
using System.Numerics.Tensors;

namespace AutoNet.Kernels;

/// <summary>
/// The matrix product C[m, n] = A[m, k] · B[k, n] of row-major matrices. The loop order i-p-j streams rows of B
/// and C contiguously, so the inner loop is a SIMD "C row += a_ip * B row" (an axpy).
/// </summary>
internal static class MatMulKernel
{
    /// <summary>Multiplies 2-D tensors of equal dtype: [m, k] · [k, n] → [m, n].</summary>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        int m = a.ShapeArray[0], k = a.ShapeArray[1], n = b.ShapeArray[1];
        var c = Tensor.Empty([m, n], a.DType);
        if (a.DType == DType.Float32) Multiply<float>(a.Span<float>(), b.Span<float>(), c.Span<float>(), m, k, n);
        else Multiply<double>(a.Span<double>(), b.Span<double>(), c.Span<double>(), m, k, n);
        return c;
    }

    private static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                T aip = a[i * k + p];
                if (n == 1) row[0] += aip * b[p];
                else TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, row, row);
            }
        }
    }

    /// <summary>Swaps two dimensions, copying into a new contiguous tensor.</summary>
    public static Tensor Transpose(Tensor x, int dim0, int dim1)
    {
        var shape = (int[])x.ShapeArray.Clone();
        (shape[dim0], shape[dim1]) = (shape[dim1], shape[dim0]);
        var y = Tensor.Empty(shape, x.DType);
        if (x.DType == DType.Float32) Transpose<float>(x.Span<float>(), y.Span<float>(), x.ShapeArray, dim0, dim1);
        else Transpose<double>(x.Span<double>(), y.Span<double>(), x.ShapeArray, dim0, dim1);
        return y;
    }

    private static void Transpose<T>(ReadOnlySpan<T> x, Span<T> y, int[] shape, int dim0, int dim1) where T : unmanaged
    {
        // y's strides are x's with dim0 and dim1 swapped; walk y in order and read x at the permuted index.
        int rank = shape.Length;
        var xStrides = Internal.ShapeUtil.Strides(shape);
        var yShape = (int[])shape.Clone();
        (yShape[dim0], yShape[dim1]) = (yShape[dim1], yShape[dim0]);
        var readStrides = (int[])xStrides.Clone();
        (readStrides[dim0], readStrides[dim1]) = (readStrides[dim1], readStrides[dim0]);
        var index = new int[rank];
        int src = 0;
        for (int dst = 0; dst < y.Length; dst++)
        {
            y[dst] = x[src];
            for (int d = rank - 1; d >= 0; d--)
            {
                src += readStrides[d];
                if (++index[d] < yShape[d]) break;
                src -= readStrides[d] * yShape[d];
                index[d] = 0;
            }
        }
    }
}
