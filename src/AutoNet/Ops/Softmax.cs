using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = softmax(x) along a dim: y_i = exp(x_i) / Σ_j exp(x_j), computed stably (see <see cref="SoftmaxKernel"/>).
/// ∂y_i/∂x_j = y_i (δ_ij - y_j), so grad_x = y * (grad - Σ_dim(grad * y)) (PyTorch's _softmax_backward_data).
/// </summary>
internal sealed class Softmax : Node
{
    private readonly SavedTensor _result;
    private readonly int _dim;

    private Softmax(Tensor y, int dim)
    {
        _result = Save(y);
        _dim = dim;
    }

    public static Tensor Forward(Tensor x, int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "Softmax");
        var y = x.Rank == 0 ? Tensor.OnesLike(x) : SoftmaxKernel.Run(x, d, log: false);
        return ShouldRecord(x) ? new Softmax(y, d).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [_result.Value * (grad - (grad * _result.Value).Sum(_dim, keepDim: true))];

}
