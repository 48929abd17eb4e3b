using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = the lower (PyTorch's tril) or upper (triu) triangle of the last two dims of x, on and below (above) the
/// <c>diagonal</c>-th diagonal, zeros elsewhere; batched over the leading dims.
/// ∂y/∂x = 1 on the kept elements and 0 elsewhere, so grad_x = the same triangle of grad (this op again).
/// </summary>
internal sealed class Triangular : Node
{
    private readonly int _diagonal;
    private readonly bool _upper;

    private Triangular(int diagonal, bool upper) => (_diagonal, _upper) = (diagonal, upper);

    public override string Name => _upper ? "Triu" : "Tril";

    public static Tensor Forward(Tensor x, int diagonal, bool upper)
    {
        if (x.Rank < 2)
            throw new ArgumentException(
                $"{(upper ? "Triu" : "Tril")}: needs a tensor of at least 2 dims (a matrix or a batch of matrices), got shape {ShapeUtil.Format(x.ShapeArray)}.");
        x = x.Contiguous();
        int rows = x.ShapeArray[^2], cols = x.ShapeArray[^1];
        int batch = rows * cols == 0 ? 0 : x.Count / (rows * cols);
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) TriangularPart.Run(x.Span<float>(), y.Span<float>(), batch, rows, cols, diagonal, upper);
        else TriangularPart.Run(x.Span<double>(), y.Span<double>(), batch, rows, cols, diagonal, upper);
        return ShouldRecord(x) ? new Triangular(diagonal, upper).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Forward(grad, _diagonal, _upper)];
}
