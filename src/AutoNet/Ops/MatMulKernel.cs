using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The Tensor-level entry point of the matrix product (the span-level kernel is <see cref="MatrixProduct"/>).</summary>
internal static class MatMulKernel
{
    /// <summary>Multiplies 2-D tensors of equal dtype: [m, k] · [k, n] → [m, n].</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Multiply(a, b, transposeA: false, transposeB: false);

    /// <summary>
    /// op(a) · op(b) for 2-D tensors of equal dtype, where op(x) = xᵀ when its flag is set: a is [m, k] (or [k, m]
    /// transposed), b is [k, n] (or [n, k] transposed); the result is a new [m, n] tensor.
    /// </summary>
    /// <remarks><paramref name="maxThreads"/> bounds the threads used (0: one per core); tests vary it to check that
    /// the count changes nothing.</remarks>
    public static Tensor Multiply(Tensor a, Tensor b, bool transposeA, bool transposeB, int maxThreads = 0)
    {
        a = Contiguous.Owned(a);
        b = Contiguous.Owned(b);
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        int m = transposeA ? sa[1] : sa[0], k = transposeA ? sa[0] : sa[1], n = transposeB ? sb[0] : sb[1];
        // The kernel writes every element of C (the first depth block stores, later ones add); only k = 0 needs zeros.
        var c = k > 0 ? Elementwise.Uninitialized([m, n], a.DType) : Tensor.Zeros([m, n], a.DType);
        if (maxThreads <= 0) maxThreads = Environment.ProcessorCount;
        if (a.DType == DType.Float32) MatrixProduct.Multiply(a.Data<float>(), b.Data<float>(), c.Data<float>(), m, k, n, transposeA, transposeB, maxThreads);
        else MatrixProduct.Multiply(a.Data<double>(), b.Data<double>(), c.Data<double>(), m, k, n, transposeA, transposeB, maxThreads);
        return c;
    }
}
