using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = the elements of x where the Bool mask is true, as a 1-D tensor (x and mask broadcast together first).
/// PyTorch: <c>masked_select</c>. Built from recorded ops: y = expand(x).reshape(-1).index_select(0, positions),
/// positions the flat places of the true mask elements; so grad_x = sum_to(zeros.index_add(0, positions, grad))
/// (a masked scatter of the gradient, summed back over broadcast dims), and second order works through them.
/// </summary>
internal static class MaskedSelect
{
    public static Tensor Forward(Tensor x, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.DType != DType.Bool)
            throw new ArgumentException($"MaskedSelect: mask has dtype {mask.DType.Name()}; expected a Bool tensor (DType.Bool).", nameof(mask));
        var shape = ShapeUtil.Broadcast(x.ShapeArray, mask.ShapeArray, "MaskedSelect");
        var full = mask.ShapeArray.AsSpan().SequenceEqual(shape) ? mask.Contiguous() : Elementwise.BroadcastTo(mask, shape);
        var flags = full.Span<bool>();
        var positions = Tensor.ZeroFilled([IndexLoops.CountNonzero<bool>(flags)], DType.Int64, "MaskedSelect");
        IndexLoops.FlatNonzero(flags, positions.Span<long>());
        var values = x.ShapeArray.AsSpan().SequenceEqual(shape) ? x : Expand.Forward(x, shape);
        return values.Reshape(-1).IndexSelect(0, positions);
    }
}
