using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>What a binary op does with integer and bool operands (see <see cref="Broadcasting.Prepare"/>).</summary>
internal enum IntegerRule
{
    /// <summary>A float-only op (Div, Pow, ...): an all-integer/bool pair computes in Float64, AutoNet's default
    /// float dtype (PyTorch: its default float32).</summary>
    ToFloat,

    /// <summary>Add, Sub, Mul: Int64 stays Int64, as PyTorch; Bool is computed as Int64 (PyTorch keeps Bool + Bool as
    /// Bool, a logical or).</summary>
    Arithmetic,

    /// <summary>Comparisons and selection: any common dtype, Bool included.</summary>
    Any,
}

/// <summary>
/// What every binary op does before its kernel: promote dtypes as PyTorch does and compute the broadcast shape.
/// The gradient side of broadcasting lives in one place too: the backward engine sums a gradient of the broadcast
/// shape down to each input's shape with <see cref="SumTo"/> (see <c>ValidateOutputs</c>), so no op's backward does.
/// </summary>
internal static class Broadcasting
{
    /// <summary>
    /// Promotes the two operands to a common dtype (<see cref="ResultType"/>, then <paramref name="rule"/> for an
    /// integer or bool result) and returns the broadcast output shape. The promotion is a recorded
    /// <see cref="Cast"/>, so gradients flow back in each input's own dtype.
    /// </summary>
    public static (Tensor A, Tensor B, int[] Shape) Prepare(Tensor a, Tensor b, string op, IntegerRule rule = IntegerRule.ToFloat)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // The usual cases, one shape already the broadcast of both, reuse that shape (shapes are never mutated).
        var shape = ShapeUtil.BroadcastsTo(b.ShapeArray, a.ShapeArray) ? a.ShapeArray
            : ShapeUtil.BroadcastsTo(a.ShapeArray, b.ShapeArray) ? b.ShapeArray
            : ShapeUtil.Broadcast(a.ShapeArray, b.ShapeArray, op);
        var common = ResultType(a, b);
        if (common is DType.Int64 or DType.Bool)
            common = rule switch
            {
                IntegerRule.ToFloat => DType.Float64,
                IntegerRule.Arithmetic => DType.Int64,
                _ => common,
            };
        if (a.DType != common) a = Cast.Forward(a, common);
        if (b.DType != common) b = Cast.Forward(b, common);
        return (a, b, shape);
    }

    /// <summary>
    /// PyTorch's <c>torch.result_type</c> for two tensors: a 0-d tensor adopts the dtype of a dimensioned one unless
    /// its category is higher (bool &lt; integer &lt; float): an Int64 tensor with a 0-d Float32 gives Float32, a Float32
    /// tensor with a 0-d Float64 stays Float32. Otherwise <see cref="Promote"/>.
    /// </summary>
    public static DType ResultType(Tensor a, Tensor b)
    {
        if (a.DType == b.DType) return a.DType;
        if ((a.Rank == 0) != (b.Rank == 0))
        {
            var (dimensioned, zeroDim) = a.Rank == 0 ? (b.DType, a.DType) : (a.DType, b.DType);
            return Category(zeroDim) > Category(dimensioned) ? zeroDim : dimensioned;
        }
        return Promote(a.DType, b.DType);
    }

    /// <summary>PyTorch's <c>torch.promote_types</c>: the smallest dtype both convert to (a float with an integer or
    /// bool gives the float; Float32 with Float64 gives Float64; Int64 with Bool gives Int64).</summary>
    public static DType Promote(DType a, DType b)
    {
        if (a == b) return a;
        int ca = Category(a), cb = Category(b);
        if (ca != cb) return ca > cb ? a : b;
        return ca == 2 ? DType.Float64 : DType.Int64; // same category, different dtypes: only Float32/Float64 exist
    }

    private static int Category(DType dtype) => dtype switch
    {
        DType.Bool => 0,
        DType.Int64 => 1,
        _ => 2,
    };
}
