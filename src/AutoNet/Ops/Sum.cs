using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = Σ x over all elements (dim = null), along one dim or along several (kept as size 1 with keepDim).
/// ∂y/∂x_i = 1 for every summed element, so grad_x = grad (with the reduced dim put back as size 1) expanded
/// to x's shape.
/// </summary>
internal sealed class Sum : Node
{
    private int[] _inputShape = [];
    private int[] _keptShape = [];

    public static Tensor Forward(Tensor x, int? dim, bool keepDim)
    {
        Tensor y;
        int[] kept;
        if (dim is null)
        {
            y = Reductions.SumAll(x);
            kept = [];
        }
        else
        {
            int d = ShapeUtil.NormalizeDim(dim.Value, x.Rank, "Sum");
            if (x.Rank == 0) return ShouldRecord(x) ? x.Reshape() : x.Detach();
            y = Reductions.SumDim(x, d, keepDim);
            kept = ShapeUtil.Reduced(x.ShapeArray, d, keepDim: true);
        }
        if (!ShouldRecord(x)) return y;
        return new Sum { _inputShape = x.ShapeArray, _keptShape = kept }.Attach(y, [x]);
    }

    /// <summary>
    /// The sum over <paramref name="dims"/> (PyTorch's <c>sum(dims, keepdim)</c>: an empty list sums every dim, as in
    /// PyTorch 1.13), by the pairwise <see cref="Summation.SumTo"/> down to the kept shape.
    /// </summary>
    public static Tensor Forward(Tensor x, int[] dims, bool keepDim, string op = "Sum")
    {
        ArgumentNullException.ThrowIfNull(dims);
        var (kept, output) = ShapeUtil.ReducedMany(x.ShapeArray, dims, keepDim, op);
        x = x.Contiguous();
        var y = Elementwise.SumTo(x, kept).Reshape(output);
        if (!ShouldRecord(x)) return y;
        return new Sum { _inputShape = x.ShapeArray, _keptShape = kept }.Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [Expand.Forward(grad.Reshape(_keptShape), _inputShape)];
}
