using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = √var(x) over all elements or along one dim (see <see cref="Var"/>).
/// dy/dx = d var/dx / (2y), so grad_x = var's gradient for grad / (2y), with grad / (2y) set to 0 where y = 0 (PyTorch's
/// std_backward, masked_fill(result == 0, 0): a constant input gets gradient 0, not NaN).
/// </summary>
internal sealed class Std : Node
{
    private readonly SavedTensor _x, _result;
    private readonly int? _dim;
    private readonly int _correction;
    private readonly bool _keepDim;

    private Std(Tensor x, Tensor y, int? dim, int correction, bool keepDim)
    {
        _x = Save(x);
        _result = Save(y);
        (_dim, _correction, _keepDim) = (dim, correction, keepDim);
    }

    public static Tensor Forward(Tensor x, int? dim, int correction, bool keepDim)
    {
        x = x.Contiguous();
        var (y, d) = Var.Compute(x, dim, correction, keepDim, sqrt: true, "Std");
        return ShouldRecord(x) ? new Std(x, y, d, correction, keepDim).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var result = _result.Value;
        var gradVar = ZeroWhere.Forward(grad / (result * 2.0), Elementwise.Map(result, default(ZeroWhere.IsZero)));
        return [Var.Gradient(gradVar, _x.Value, _dim, _correction, _keepDim)];
    }
}
