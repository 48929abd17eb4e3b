using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// The gradient hooks of one tensor (<see cref="Tensor.RegisterHook"/>): kept on the leaf itself, or on the node
/// that computed a non-leaf, since that node's incoming gradient is the gradient flowing into the tensor. The
/// engine runs them in registration order, each seeing what the previous one returned, on the gradient summed over
/// every consumer: for a non-leaf before its node's backward, for a leaf before the gradient is accumulated into
/// <see cref="Tensor.Grad"/>, as PyTorch's tensor pre-hooks.
/// </summary>
internal sealed class TensorHooks
{
    private readonly Lock _lock = new();
    private Func<Tensor, Tensor?>[] _hooks = [];

    /// <summary>Adds a hook; disposing the handle removes it (again: nothing).</summary>
    public IDisposable Add(Func<Tensor, Tensor?> hook)
    {
        lock (_lock) _hooks = [.. _hooks, hook];
        return new Handle(this, hook);
    }

    private void Remove(Func<Tensor, Tensor?> hook)
    {
        lock (_lock)
        {
            int i = Array.IndexOf(_hooks, hook);
            if (i >= 0) _hooks = [.. _hooks[..i], .. _hooks[(i + 1)..]];
        }
    }

    /// <summary>
    /// Runs the hooks on <paramref name="grad"/> (of the tensor's <paramref name="shape"/> and <paramref name="dtype"/>); returns the
    /// gradient to use and whether a hook replaced it (then it may be held by the hook, so a leaf must not take it
    /// over). A replacement must keep the shape and dtype.
    /// </summary>
    public (Tensor Grad, bool Replaced) Run(Tensor grad, int[] shape, DType dtype)
    {
        bool replaced = false;
        foreach (var hook in _hooks)
        {
            if (hook(grad) is not { } g) continue;
            if (g.DType != dtype || !g.ShapeArray.AsSpan().SequenceEqual(shape))
                throw new InvalidOperationException(
                    $"RegisterHook: a hook returned a {g.DType.Name()} gradient of shape {ShapeUtil.Format(g.ShapeArray)}; expected {dtype.Name()} of shape " +
                    $"{ShapeUtil.Format(shape)}, the tensor's.");
            (grad, replaced) = (g, true);
        }
        return (grad, replaced);
    }

    private sealed class Handle(TensorHooks owner, Func<Tensor, Tensor?> hook) : IDisposable
    {
        public void Dispose() => owner.Remove(hook);
    }
}
