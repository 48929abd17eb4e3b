using System.Globalization;
using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// Y = op(A) · op(B) for A [*, m, k] and B [*, k, n] (at least 2 dims each; the batch dims * broadcast as in
/// torch.matmul), where op(X) is X, or X with its last two dims swapped, read in place, when the op's transpose flag
/// is set (backward uses the flags so that it never copies a transpose); an operand that is itself a transposed
/// view of a row-major tensor (<c>w.T</c>) is read the same way, with the flag flipped. <see cref="Apply"/> maps torch.matmul's
/// other cases (1-D operands, a batched left side by a matrix) onto this op by reshaping.
/// With plain operands, dY/dA and dY/dB give grad_A = grad · Bᵀ and grad_B = Aᵀ · grad, matrix by matrix over the
/// broadcast batch; where an operand was broadcast along a batch dim these are unreduced gradients, which the engine
/// sums down to the operand's shape. With op(A) = Aᵀ the gradient of A is the transpose of that of op(A):
/// grad_A = (grad · op(B)ᵀ)ᵀ = op(B) · gradᵀ; likewise grad_B = (op(A)ᵀ · grad)ᵀ = gradᵀ · op(A) when op(B) = Bᵀ.
/// </summary>
internal sealed class MatMul : Node
{
    private readonly SavedTensor _a, _b;
    private readonly SavedTensor? _aCopy, _bCopy;
    private readonly bool _transposeA, _transposeB;

    /// <summary>Saves the operands, and the row-major copies the forward made of any that were strided views (the
    /// heads of attention are transposed views): the backward's products read the copies again instead of copying
    /// the views a second time. A recorded backward (createGraph) uses the operands themselves, whose graph it extends.</summary>
    private MatMul(Tensor a, Tensor b, Tensor? aCopy, Tensor? bCopy, bool transposeA, bool transposeB)
    {
        _a = Save(a);
        _b = Save(b);
        if (aCopy is not null) _aCopy = Save(aCopy);
        if (bCopy is not null) _bCopy = Save(bCopy);
        _transposeA = transposeA;
        _transposeB = transposeB;
    }

    /// <summary>
    /// torch.matmul: [k]·[k] → 0-d; [m, k]·[k] → [m]; [k]·[*, k, n] → [*, n]; [*, m, k]·[k] → [*, m];
    /// [*, m, k]·[*, k, n] → [*, m, n] with the batch dims broadcast. A left side with batch dims times a matrix or
    /// vector runs as one product of its rows ([B, m, k]·[k, n] as [B·m, k]·[k, n], in the kernel), so the matrix
    /// is packed once and its gradient is a single product too.
    /// </summary>
    public static Tensor Apply(Tensor a, Tensor b)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        if (sa.Length == 0 || sb.Length == 0)
            throw new ArgumentException(
                $"MatMul: both operands need at least 1 dim, got shapes {ShapeUtil.Format(sa)} and {ShapeUtil.Format(sb)} (use Mul for a scalar factor).");
        int ka = sa[^1], kb = sb.Length == 1 ? sb[0] : sb[^2];
        if (ka != kb)
            throw new ArgumentException(
                $"MatMul: shapes {ShapeUtil.Format(sa)} and {ShapeUtil.Format(sb)} cannot be multiplied ({Str(ka)} != {Str(kb)}).");
        if (sa.Length >= 2 && sb.Length >= 2 && MatMulKernel.TryBatchShape(sa, sb) is null)
            throw new ArgumentException(
                $"MatMul: shapes {ShapeUtil.Format(sa)} and {ShapeUtil.Format(sb)} cannot be multiplied: their batch dims " +
                $"{ShapeUtil.Format(sa.AsSpan(0, sa.Length - 2))} and {ShapeUtil.Format(sb.AsSpan(0, sb.Length - 2))} do not broadcast.");
        if (sb.Length == 1 && sa.Length >= 2)
        {
            // [*, m, k]·[k]: a column vector, whose dim is removed from the result.
            return Forward(a, b.Reshape(kb, 1)).Reshape(sa[..^1]);
        }
        if (sa.Length == 1)
        {
            // [k]·[*, k, n]: a row vector, whose dim is removed from the result ([k]·[k] gives a 0-d dot product).
            var y = Forward(a.Reshape(1, ka), sb.Length == 1 ? b.Reshape(kb, 1) : b);
            return y.Reshape(sb.Length == 1 ? [] : [.. sb[..^2], sb[^1]]);
        }
        return Forward(a, b);
    }

    /// <summary>Y = A · B for [*, m, k] and [*, k, n] operands of equal dtype.</summary>
    public static Tensor Forward(Tensor a, Tensor b) => Forward(a, b, transposeA: false, transposeB: false);

    /// <summary>Y = op(A) · op(B); A is [*, m, k] (or [*, k, m] when <paramref name="transposeA"/>), B is [*, k, n] (or [*, n, k]).</summary>
    public static Tensor Forward(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        if (sa.Length < 2 || sb.Length < 2 || sa[^(transposeA ? 2 : 1)] != sb[^(transposeB ? 1 : 2)])
            throw new ArgumentException(
                $"MatMul: shapes {Describe(sa, transposeA)} and {Describe(sb, transposeB)} cannot be multiplied ({Inner(sa, transposeA, last: true)} != {Inner(sb, transposeB, last: false)}).");
        if (a.DType != b.DType)
            throw new ArgumentException(
                $"MatMul: both operands must have the same dtype, got {a.DType.Name()} and {b.DType.Name()} (PyTorch refuses this too). Convert one with .To(DType).");
        var (aValues, kernelTransposeA, aCopy) = KernelOperand(a, transposeA);
        var (bValues, kernelTransposeB, bCopy) = KernelOperand(b, transposeB);
        var y = MatMulKernel.Multiply(aValues, bValues, kernelTransposeA, kernelTransposeB);
        return ShouldRecord(a, b) ? new MatMul(a, b, aCopy, bCopy, transposeA, transposeB).Attach(y, [a, b]) : y;
    }

    /// <summary>
    /// What the kernel reads for an operand: the operand itself when it is a whole row-major tensor; when it is the
    /// transpose of one in its last two dims (<c>w.T</c>, <c>x.Transpose(-2, -1)</c>), that tensor, read in place
    /// with the kernel's transpose flag flipped; else a row-major copy (<paramref name="x"/>'s elements in its own
    /// order), which the node keeps for its backward.
    /// </summary>
    private static (Tensor Values, bool Transpose, Tensor? Copy) KernelOperand(Tensor x, bool transpose)
    {
        if (x.Layout is null) return (x, transpose, null);
        int r = x.Rank;
        int[] shape = (int[])x.ShapeArray.Clone(), strides = (int[])x.StrideArray.Clone();
        (shape[r - 1], shape[r - 2]) = (shape[r - 2], shape[r - 1]);
        (strides[r - 1], strides[r - 2]) = (strides[r - 2], strides[r - 1]);
        var untransposed = new Tensor(x.Storage, shape, strides, x.StorageOffset, x.DType);   // unrecorded: the kernel's alone
        if (untransposed.Layout is null) return (untransposed, !transpose, null);
        var copy = Contiguous.Copy(x);
        return (copy, transpose, copy);
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        bool recorded = GradMode.IsEnabled;
        Tensor a = (recorded ? null : _aCopy?.Value) ?? _a.Value, b = (recorded ? null : _bCopy?.Value) ?? _b.Value;
        return
        [
            !NeedsInputGrad(0) ? null
                : _transposeA ? Forward(b, grad, _transposeB, transposeB: true)   // op(B) · gradᵀ
                : Forward(grad, b, transposeA: false, !_transposeB),               // grad · op(B)ᵀ
            !NeedsInputGrad(1) ? null
                : b.Rank == 2 && a.Rank > 2 && !_transposeA ? RowsGradB(a, grad) // one product over all rows of A
                : _transposeB ? Forward(grad, a, transposeA: true, _transposeA)   // gradᵀ · op(A)
                : Forward(a, grad, !_transposeA, transposeB: false),               // op(A)ᵀ · grad
        ];
    }

    /// <summary>
    /// grad_B for A [*, m, k] by a matrix B: the sum over the batch of Aᵢᵀ · gradᵢ is the one product
    /// A_rowsᵀ · grad_rows of [M, k] and [M, n] (M = all rows), or grad_rowsᵀ · A_rows when op(B) = Bᵀ.
    /// </summary>
    private Tensor RowsGradB(Tensor a, Tensor grad)
    {
        int k = a.ShapeArray[^1], n = grad.ShapeArray[^1], rows = ShapeUtil.Count(a.ShapeArray.AsSpan(0, a.Rank - 1), "MatMul");
        Tensor aRows = a.Reshape(rows, k), gradRows = grad.Reshape(rows, n);
        return _transposeB ? Forward(gradRows, aRows, transposeA: true, transposeB: false)
            : Forward(aRows, gradRows, transposeA: true, transposeB: false);
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(int[] shape, bool transposed) =>
        ShapeUtil.Format(shape) + (transposed ? "ᵀ" : "");

    private static string Inner(int[] shape, bool transposed, bool last) =>
        shape.Length < 2 ? Str(shape.Length == 0 ? 0 : shape[^1])
        : Str(shape[^(last != transposed ? 1 : 2)]);
}
