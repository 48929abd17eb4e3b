using System.Globalization;

namespace AutoNet.Nn;

// Calling with forward hooks, Apply, To(DType) and the parameter count.
public abstract partial class Module
{
    private Func<Module, Tensor, Tensor, Tensor?>[] _forwardHooks = [];
    private readonly Lock _hookLock = new();

    /// <summary>
    /// Runs <see cref="Forward"/> and then the forward hooks (<see cref="RegisterForwardHook"/>) in registration
    /// order, each able to replace the output. <see cref="Sequential"/> calls its layers this way; calling
    /// <see cref="Forward"/> directly skips the hooks, as calling <c>module.forward(x)</c> does in PyTorch.
    /// PyTorch: <c>module(x)</c> (<c>__call__</c>).
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>The output, after the hooks.</returns>
    public Tensor Call(Tensor input)
    {
        var output = Forward(input);
        foreach (var hook in _forwardHooks)
            if (hook(this, input, output) is { } replaced) output = replaced;
        return output;
    }

    /// <summary>
    /// Registers <paramref name="hook"/>(module, input, output), run after every <see cref="Call"/> of this module
    /// (hooks in registration order); a non-null return replaces the output for the later hooks and the caller.
    /// Dispose the returned handle to remove it. PyTorch: <c>register_forward_hook</c>.
    /// </summary>
    /// <param name="hook">The hook.</param>
    /// <returns>A handle whose <c>Dispose</c> removes the hook. PyTorch: <c>handle.remove()</c>.</returns>
    public IDisposable RegisterForwardHook(Func<Module, Tensor, Tensor, Tensor?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_hookLock) _forwardHooks = [.. _forwardHooks, hook];
        return new HookHandle(this, hook);
    }

    private sealed class HookHandle(Module module, Func<Module, Tensor, Tensor, Tensor?> hook) : IDisposable
    {
        public void Dispose()
        {
            lock (module._hookLock)
            {
                int i = Array.IndexOf(module._forwardHooks, hook);
                if (i >= 0) module._forwardHooks = [.. module._forwardHooks[..i], .. module._forwardHooks[(i + 1)..]];
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="fn"/> on every submodule, children first (depth first, in order), then on this module;
    /// returns this module. Typical use: initialise weights (<c>model.Apply(m =&gt; { if (m is Linear l)
    /// Init.XavierUniform(l.Weight); })</c>). PyTorch: <c>apply(fn)</c>.
    /// </summary>
    /// <param name="fn">The action.</param>
    public Module Apply(Action<Module> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        foreach (var (_, child) in NamedChildren()) child.Apply(fn);
        fn(this);
        return this;
    }

    /// <summary>
    /// Converts every floating-point parameter and buffer (and a parameter's gradient) to <paramref name="dtype"/>
    /// in place: the module keeps the same <see cref="Parameter"/> and buffer objects, which now hold converted
    /// copies of their values (an optimiser built before must be built again, as in PyTorch). Integer buffers such as
    /// <c>num_batches_tracked</c> are left as they are. Returns this module. PyTorch: <c>module.to(dtype)</c>.
    /// </summary>
    /// <param name="dtype"><see cref="DType.Float64"/> or <see cref="DType.Float32"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An integer or boolean dtype (parameters must stay floating point).</exception>
    public Module To(DType dtype)
    {
        dtype.CheckedFloat("Module.To");
        foreach (var (_, t) in Walk(parameters: true, buffers: true, removeDuplicates: true))
        {
            if (t.DType is not (DType.Float32 or DType.Float64) || t.DType == dtype) continue;
            using (Autograd.NoGrad())
            {
                var grad = t.Grad;
                t.Grad = null;
                t.ReplaceData(t.To(dtype));
                if (grad is not null) t.Grad = grad.To(dtype);
            }
        }
        return this;
    }

    /// <summary>The number of trainable values: the elements of every distinct parameter.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Count);

    /// <summary>The last line of a model's printout, e.g. <c>Parameters: 1,234</c>.</summary>
    private string ParameterCountLine() => "Parameters: " + ParameterCount().ToString("N0", CultureInfo.InvariantCulture);
}
