namespace AutoNet;

/// <summary>
/// The gradient waiting at a node while its consumers' backwards run (<see cref="Node.PendingGrad"/>): the sum of
/// what they send. The sum needs a new tensor at most once. When the waiting gradient is held by nothing but this
/// backward pass (an op made it for this input alone, or it is a sum made here), the next gradient is added into it
/// in place, as PyTorch's InputBuffer does. And a node that can add its gradient straight into the waiting one does
/// so (<see cref="Node.AddInputGradInto"/>): a slice's gradient, the pieces of a Split, goes into its place in the
/// whole instead of into zeros of the whole shape that are then added.
/// <para>Additions are elementwise and in the order the gradients arrive, as <c>pending + g</c> would do them,
/// so the sums have the same values.</para>
/// </summary>
internal static class PendingGrads
{
    /// <summary>Adds <paramref name="g"/> to the gradient waiting at <paramref name="child"/>.</summary>
    /// <param name="child">The node the gradient is for.</param>
    /// <param name="g">The gradient a consumer's backward returned.</param>
    /// <param name="owned">Nothing but this pass holds <paramref name="g"/> (<see cref="AccumulateGrad.IsOwned"/>).</param>
    /// <param name="inPlace">In-place sums are allowed in this pass (no recorded backward, nothing observing it).</param>
    public static void Add(Node child, Tensor g, bool owned, bool inPlace)
    {
        var pending = child.PendingGrad;
        if (pending is null)
        {
            (child.PendingGrad, child.PendingOwned) = (g, owned);
            return;
        }
        if (inPlace && child.PendingOwned && Holds(pending, g))
        {
            Ops.InPlace.AddScaled(pending, g, 1.0);             // pending += g
            return;
        }
        if (inPlace && owned && Holds(g, pending))
        {
            Ops.InPlace.AddScaled(g, pending, 1.0);             // g += pending: the same sum, a + b = b + a
            (child.PendingGrad, child.PendingOwned) = (g, true);
            return;
        }
        child.PendingGrad = pending + g;
        child.PendingOwned = inPlace;                           // a new tensor, made here
    }

    /// <summary>
    /// Lets <paramref name="node"/> add its input's gradient for <paramref name="grad"/> into the gradient waiting
    /// at that input, when that one is owned and has the input's shape; false when the engine must call Backward.
    /// </summary>
    public static bool TryAddInto(Node node, Tensor grad)
    {
        if (node.RawInputs is not [var input] || input.GradFn is not { } child || !child.PendingOwned || child.PendingGrad is not { } pending)
            return false;
        return pending.Layout is null && pending.DType == grad.DType && pending.ShapeArray.AsSpan().SequenceEqual(input.ShapeArray)
            && node.AddInputGradInto(grad, pending);
    }

    /// <summary>Whether <paramref name="sum"/> can take <paramref name="other"/> added in place: row-major, same shape and dtype.</summary>
    private static bool Holds(Tensor sum, Tensor other) =>
        sum.Layout is null && sum.DType == other.DType && sum.ShapeArray.AsSpan().SequenceEqual(other.ShapeArray);
}
