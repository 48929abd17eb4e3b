using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = log_softmax(x) along a dim: y_i = x_i - log Σ_j exp(x_j), computed stably (see <see cref="SoftmaxKernel"/>).
/// ∂y_i/∂x_j = δ_ij - softmax(x)_j, so grad_x = grad - exp(y) * Σ_dim(grad) (PyTorch's _log_softmax_backward_data).
/// </summary>
internal sealed class LogSoftmax : Node
{
    private readonly SavedTensor _result;
    private readonly int _dim;

    private LogSoftmax(Tensor y, int dim)
    {
        _result = Save(y);
        _dim = dim;
    }

    public static Tensor Forward(Tensor x, int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "LogSoftmax");
        var y = x.Rank == 0 ? Tensor.ZerosLike(x) : SoftmaxKernel.Run(x, d, log: true);
        return ShouldRecord(x) ? new LogSoftmax(y, d).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var y = _result.Value;
        // Recorded (createGraph), along another dim than the last, or unusual: the tensor ops themselves.
        if (ShouldRecord(grad, y) || _dim != y.Rank - 1 || grad.DType != y.DType || !grad.Shape.SequenceEqual(y.Shape)
            || y.DType is not (DType.Float32 or DType.Float64))
            return [grad - y.Exp() * grad.Sum(_dim, keepDim: true)];
        // One pass over the rows with the same kernels and roundings (Sum's pairwise row sum, Exp's kernel, then
        // exp(y)·s and grad − that, each rounded to the dtype), writing one tensor instead of four.
        grad = Contiguous.Values(grad);
        y = Contiguous.Values(y);
        var dx = Elementwise.Uninitialized(y.ShapeArray, y.DType);
        int size = y.ShapeArray[^1];
        // Rows are independent, so blocks of them are shared among the cores with the same bits.
        SoftmaxKernel.EachOuter(y.Count / Math.Max(1, size), size, (start, length) =>
        {
            if (y.DType == DType.Float32)
                BackwardRows<float>(grad.Span<float>().Slice(start, length), y.Span<float>().Slice(start, length), dx.Span<float>().Slice(start, length), size);
            else
                BackwardRows<double>(grad.Span<double>().Slice(start, length), y.Span<double>().Slice(start, length), dx.Span<double>().Slice(start, length), size);
        });
        return [dx];
    }

    /// <summary>Each row: s = Σ grad (pairwise, as Sum), dx = grad − exp(y)·s.</summary>
    private static void BackwardRows<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx, int size) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        for (int start = 0; start < y.Length; start += size)
        {
            var gs = g.Slice(start, size);
            var ds = dx.Slice(start, size);
            T s = Summation.Sum(gs);
            default(Exp.Kernel).Run(y.Slice(start, size), ds);     // exp(y), Exp's own kernel
            TensorPrimitives.Multiply(ds, s, ds);                   // exp(y) · s
            TensorPrimitives.Subtract(gs, ds, ds);                  // grad − exp(y) · s
        }
    }

}
