using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// Y = op(A) · op(B) for 2-D A and B, where op(X) is X, or Xᵀ read in place when the op's transpose flag is set
/// (backward uses the flags so that it never copies a transpose). (1-D operands are reshaped around this op, as
/// torch.matmul does: see <see cref="Tensor.MatMul"/>.)
/// With plain operands, dY/dA and dY/dB give grad_A = grad · Bᵀ and grad_B = Aᵀ · grad. With op(A) = Aᵀ the
/// gradient of A is the transpose of that of op(A): grad_A = (grad · op(B)ᵀ)ᵀ = op(B) · gradᵀ; likewise
/// grad_B = (op(A)ᵀ · grad)ᵀ = gradᵀ · op(A) when op(B) = Bᵀ.
/// </summary>
internal sealed class MatMul : Node
{
    private readonly SavedTensor _a, _b;
    private readonly bool _transposeA, _transposeB;

    private MatMul(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        _a = Save(a);
        _b = Save(b);
        _transposeA = transposeA;
        _transposeB = transposeB;
    }

    /// <summary>Y = A · B for [m, k] and [k, n] operands of equal dtype.</summary>
    public static Tensor Forward(Tensor a, Tensor b) => Forward(a, b, transposeA: false, transposeB: false);

    /// <summary>Y = op(A) · op(B); A is [m, k] (or [k, m] when <paramref name="transposeA"/>), B is [k, n] (or [n, k]).</summary>
    public static Tensor Forward(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        if (sa.Length != 2 || sb.Length != 2 || sa[transposeA ? 0 : 1] != sb[transposeB ? 1 : 0])
            throw new ArgumentException(
                $"MatMul: shapes {Describe(sa, transposeA)} and {Describe(sb, transposeB)} cannot be multiplied ({Inner(sa, transposeA, last: true)} != {Inner(sb, transposeB, last: false)}).");
        if (a.DType != b.DType)
            throw new ArgumentException(
                $"MatMul: both operands must have the same dtype, got {a.DType.Name()} and {b.DType.Name()} (PyTorch refuses this too). Convert one with .To(DType).");
        var y = MatMulKernel.Multiply(a, b, transposeA, transposeB);
        return ShouldRecord(a, b) ? new MatMul(a, b, transposeA, transposeB).Attach(y, [a, b]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        Tensor a = _a.Value, b = _b.Value;
        return
        [
            !NeedsInputGrad(0) ? null
                : _transposeA ? Forward(b, grad, _transposeB, transposeB: true)   // op(B) · gradᵀ
                : Forward(grad, b, transposeA: false, !_transposeB),               // grad · op(B)ᵀ
            !NeedsInputGrad(1) ? null
                : _transposeB ? Forward(grad, a, transposeA: true, _transposeA)   // gradᵀ · op(A)
                : Forward(a, grad, !_transposeA, transposeB: false),               // op(A)ᵀ · grad
        ];
    }

    private static string Describe(int[] shape, bool transposed) =>
        ShapeUtil.Format(shape) + (transposed ? "ᵀ" : "");

    private static string Inner(int[] shape, bool transposed, bool last) =>
        shape.Length != 2 ? (last ? shape[^1] : shape[0]).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : shape[last != transposed ? 1 : 0].ToString(System.Globalization.CultureInfo.InvariantCulture);
}
