namespace AutoNet;

/// <summary>
/// How a gradient reaching a leaf goes into its <see cref="Tensor.Grad"/>, as PyTorch's AccumulateGrad: every leaf
/// owns its gradient. The first gradient is taken over when nothing else holds it (a tensor an op of this backward
/// just made for this leaf alone) and copied otherwise (the caller's seed, a gradient passed through unchanged or
/// sent to several inputs, anything a user-written node returned). Later gradients are added in place into the
/// existing <c>Grad</c>, so a reference to it sees the sum; under <c>createGraph</c> they are added out of place, so
/// the sum is differentiable. One lock per leaf (PyTorch's AccumulateGrad mutex) makes concurrent backward passes
/// into a shared leaf lose nothing.
/// </summary>
internal static class AccumulateGrad
{
    /// <summary>Adds <paramref name="g"/> (already of the leaf's shape and dtype) into <paramref name="leaf"/>'s Grad.</summary>
    /// <param name="leaf">A leaf that requires grad.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="owned">True when nothing but this call holds <paramref name="g"/>, so it may become the Grad itself.</param>
    /// <param name="createGraph">Keep the accumulation differentiable.</param>
    public static void Into(Tensor leaf, Tensor g, bool owned, bool createGraph)
    {
        lock (leaf.GradLock)
        {
            var existing = leaf.Grad;
            if (existing is null)
                leaf.Grad = owned && g.Layout is null ? (createGraph || g.IsLeaf ? g : g.Detach())
                    : createGraph ? Ops.Clone.Forward(g) : Ops.InPlace.Clone(g);
            else if (!createGraph)
                Ops.InPlace.AddScaled(existing, g, 1.0);   // existing += g
            else
                leaf.Grad = existing + g;
        }
    }

    /// <summary>
    /// Whether gradient <paramref name="index"/> of <paramref name="grads"/>, just returned by
    /// <paramref name="node"/>'s backward for <paramref name="incoming"/>, is held by nothing else: the node is one of
    /// AutoNet's ops (they return fresh tensors or pass <paramref name="incoming"/> through, never a tensor they keep)
    /// and the gradient shares memory neither with <paramref name="incoming"/> nor with another of the gradients.
    /// </summary>
    public static bool IsOwned(Node node, Tensor incoming, Tensor?[] grads, int index)
    {
        var storage = grads[index]!.Storage;
        if (ReferenceEquals(storage, incoming.Storage) || node is Autograd.Function || node.GetType().Assembly != typeof(Node).Assembly)
            return false;
        for (int j = 0; j < grads.Length; j++)
            if (j != index && grads[j] is { } other && ReferenceEquals(other.Storage, storage)) return false;
        return true;
    }
}
