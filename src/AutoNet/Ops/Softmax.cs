using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = softmax(x) along a dim: y_i = exp(x_i) / Σ_j exp(x_j), computed stably (see <see cref="SoftmaxKernel"/>).
/// ∂y_i/∂x_j = y_i (δ_ij - y_j), so grad_x = y * (grad - Σ_dim(grad * y)) (PyTorch's _softmax_backward_data).
/// </summary>
internal sealed class Softmax : Node
{
    private Tensor _result = null!;
    private int _dim;

    public static Tensor Forward(Tensor x, int dim)
    {
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "Softmax");
        var y = x.Rank == 0 ? Tensor.OnesLike(x) : SoftmaxKernel.Run(x, d, log: false);
        if (!ShouldRecord(x)) return y;
        var node = new Softmax { _dim = d };
        node.Attach(y, [x]);
        node._result = node.Save(y);
        return y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [_result * (grad - (grad * _result).Sum(_dim, keepDim: true))];

    protected internal override void Release()
    {
        base.Release();
        _result = null!;
    }
}
