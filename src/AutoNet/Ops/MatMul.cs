using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// Y = A · B for 2-D A [m, k] and B [k, n]. (1-D operands are reshaped around this op, as torch.matmul does:
/// see <see cref="Tensor.MatMul"/>.)
/// dY/dA and dY/dB give grad_A = grad · Bᵀ and grad_B = Aᵀ · grad.
/// </summary>
internal sealed class MatMul : Node
{
    private Tensor _a = null!, _b = null!;

    public static Tensor Forward(Tensor a, Tensor b)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        if (sa.Length != 2 || sb.Length != 2 || sa[1] != sb[0])
            throw new ArgumentException(
                $"MatMul: shapes {ShapeUtil.Format(sa)} and {ShapeUtil.Format(sb)} cannot be multiplied ({sa[^1]} != {sb[0]}).");
        if (a.DType != b.DType)
            throw new ArgumentException(
                $"MatMul: both operands must have the same dtype, got {a.DType.Name()} and {b.DType.Name()} (PyTorch refuses this too). Convert one with .To(DType).");
        var y = MatMulKernel.Multiply(a, b);
        if (!ShouldRecord(a, b)) return y;
        var node = new MatMul();
        node._a = node.Save(a);
        node._b = node.Save(b);
        return node.Attach(y, [a, b]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad.MatMul(_b.T) : null,
        NeedsInputGrad(1) ? _a.T.MatMul(grad) : null,
    ];

    protected internal override void Release()
    {
        base.Release();
        _a = _b = null!;
    }
}
