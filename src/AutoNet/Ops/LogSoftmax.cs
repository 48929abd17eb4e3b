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

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [grad - _result.Value.Exp() * grad.Sum(_dim, keepDim: true)];

}
