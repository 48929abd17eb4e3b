using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = Σ(x - mean)² / (n - correction) over all elements (dim = null) or along one dim (PyTorch's var; two-pass,
/// accumulated in double, see <see cref="Variance"/>).
/// ∂y/∂x_i = 2 (x_i - mean) / (n - correction) (the mean's own derivative cancels: Σ(x - mean) = 0), so
/// grad_x = (2 / (n - correction)) * grad * (x - mean), as PyTorch's var_backward: along a dim, 2/0 = inf when
/// n = correction (NaN where x = mean); over all elements, grad * inf when n = correction.
/// </summary>
internal sealed class Var : Node
{
    private readonly SavedTensor _x;
    private readonly int? _dim;
    private readonly int _correction;
    private readonly bool _keepDim;

    private Var(Tensor x, int? dim, int correction, bool keepDim)
    {
        _x = Save(x);
        (_dim, _correction, _keepDim) = (dim, correction, keepDim);
    }

    public static Tensor Forward(Tensor x, int? dim, int correction, bool keepDim)
    {
        x = x.Contiguous();
        var (y, d) = Compute(x, dim, correction, keepDim, sqrt: false, "Var");
        return ShouldRecord(x) ? new Var(x, d, correction, keepDim).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Gradient(grad, _x.Value, _dim, _correction, _keepDim)];

    /// <summary>The variance or standard deviation of x (contiguous) and the normalised dim.</summary>
    internal static (Tensor Y, int? Dim) Compute(Tensor x, int? dim, int correction, bool keepDim, bool sqrt, string op)
    {
        int? d = dim is null ? null : ShapeUtil.NormalizeDim(dim.Value, x.Rank, op);
        var shape = d is null ? (keepDim ? Enumerable.Repeat(1, x.Rank).ToArray() : []) : ShapeUtil.Reduced(x.ShapeArray, d.Value, keepDim);
        var y = Elementwise.Uninitialized(shape, x.DType);
        var (outer, size, inner) = d is null ? (1, x.Count, 1) : ShapeUtil.Split(x.ShapeArray, d.Value);
        if (x.DType == DType.Float32) Variance.Run(x.Span<float>(), y.Span<float>(), outer, size, inner, correction, sqrt);
        else Variance.Run(x.Span<double>(), y.Span<double>(), outer, size, inner, correction, sqrt);
        return (y, d);
    }

    /// <summary>The gradient of the variance for an output gradient <paramref name="grad"/>, in tensor ops (so that
    /// second order works): (2 / (n - correction)) * grad * (x - mean), grad given back its reduced dim.</summary>
    internal static Tensor Gradient(Tensor grad, Tensor x, int? dim, int correction, bool keepDim)
    {
        if (dim is null || x.Rank == 0)
        {
            // PyTorch 1.13's var_backward over all elements (or of a 0-d tensor): grad * inf when n = correction.
            if (x.Count == correction)
                return Expand.Forward((grad * double.PositiveInfinity).Reshape(Enumerable.Repeat(1, x.Rank).ToArray()), x.ShapeArray);
            return 2.0 / ((double)x.Count - correction) * grad * (x - x.Mean());
        }
        int d = dim.Value, n = x.ShapeArray[d];
        var g = keepDim ? grad : grad.Reshape(ShapeUtil.Reduced(x.ShapeArray, d, keepDim: true));
        return 2.0 / ((double)n - correction) * g * (x - x.Mean(d, keepDim: true));
    }
}
