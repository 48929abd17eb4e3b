using AutoNet.Nn;
using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Converts whole models between AutoNet and TorchSharp, layer by layer through <see cref="ModuleConverters"/>,
/// with identical parameter and buffer values, identical names (<c>0.weight</c>, <c>1.running_mean</c>, ...) and the
/// same training mode, so a model can be trained or checked in either library from the same starting point.
/// </summary>
/// <remarks>
/// The TorchSharp module's parameters are native tensors. Create it outside any <c>torch.NewDisposeScope()</c>
/// that ends before you are done with it (a scope disposes the parameters created inside it).
/// </remarks>
public static class ModuleConversion
{
    /// <summary>
    /// The equivalent TorchSharp module with copies of <paramref name="module"/>'s parameters and buffers (same values,
    /// dtype, names and <c>requires_grad</c>) and the same training mode, module by module. The two share no memory.
    /// PyTorch equivalent: building the same <c>torch.nn</c> model and loading the state dict.
    /// </summary>
    /// <param name="module">An AutoNet model built from supported layers (<see cref="ModuleConverters.All"/>).</param>
    /// <exception cref="NotSupportedException">A layer has no registered converter, or the module converts to a
    /// TorchSharp module without a forward (a ModuleList: use <see cref="ToTorchModule"/>).</exception>
    /// <exception cref="InvalidOperationException">A converter produced parameter or buffer names that differ from AutoNet's.</exception>
    public static torch.nn.Module<torch.Tensor, torch.Tensor> ToTorch(this Module module)
    {
        var result = ToTorchModule(module);
        return result as torch.nn.Module<torch.Tensor, torch.Tensor> ?? throw new NotSupportedException(
            $"ModuleConversion.ToTorch: {module.GetType().Name} converts to {result.GetType().Name}, which has no forward(Tensor); use ToTorchModule.");
    }

    /// <summary>
    /// As <see cref="ToTorch"/>, for any module, including containers without a forward (ModuleList ↔
    /// <c>torch.nn.ModuleList</c>).
    /// </summary>
    /// <param name="module">An AutoNet model built from supported layers (<see cref="ModuleConverters.All"/>).</param>
    /// <exception cref="NotSupportedException">A layer has no registered converter.</exception>
    /// <exception cref="InvalidOperationException">A converter produced parameter or buffer names that differ from AutoNet's.</exception>
    public static torch.nn.Module ToTorchModule(this Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = Export(module);
        CheckNames(module, result, "ToTorch");
        // Pre-order, so that a submodule's own mode overrides the one its parent's recursive train() gave it.
        foreach (var ((_, ours), (_, theirs)) in PreOrder(module).Zip(PreOrder(result))) theirs.train(ours.Training);
        return result;
    }

    /// <summary>
    /// The equivalent AutoNet module with copies of <paramref name="module"/>'s parameters and buffers (same values,
    /// dtype, names and <see cref="Tensor.RequiresGrad"/>) and the same training mode. The two share no memory. Does not
    /// draw from <see cref="Init.Generator"/>.
    /// </summary>
    /// <param name="module">A TorchSharp model built from supported layers (<see cref="ModuleConverters.All"/>).</param>
    /// <exception cref="NotSupportedException">A layer has no registered converter, or uses a setting AutoNet lacks.</exception>
    /// <exception cref="InvalidOperationException">The names would differ (e.g. a TorchSharp Sequential whose children
    /// are named rather than numbered; AutoNet's Sequential numbers them).</exception>
    public static Module ToAutoNet(this torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = Import(module);
        CheckNames(result, module, "ToAutoNet");
        foreach (var ((_, ours), (_, theirs)) in PreOrder(result).Zip(PreOrder(module))) ours.Train(theirs.training);
        return result;
    }

    private static torch.nn.Module Export(Module module) => ModuleConverters.ForAutoNet(module).ToTorch(module, Export);

    private static Module Import(torch.nn.Module module) => ModuleConverters.ForTorch(module).ToAutoNet(module, Import);

    private static void CheckNames(Module autoNet, torch.nn.Module torchModule, string operation)
    {
        Check("parameter", autoNet.NamedParameters().Select(p => p.Name), torchModule.named_parameters().Select(p => p.name));
        Check("buffer", autoNet.NamedBuffers().Select(b => b.Name), torchModule.named_buffers().Select(b => b.name));
        Check("module", PreOrder(autoNet).Select(m => m.Path), PreOrder(torchModule).Select(m => m.Path));

        void Check(string what, IEnumerable<string> ours, IEnumerable<string> theirs)
        {
            var a = ours.ToList();
            var b = theirs.ToList();
            if (!a.SequenceEqual(b))
                throw new InvalidOperationException(
                    $"ModuleConversion.{operation}: {what} names differ: AutoNet [{string.Join(", ", a)}], TorchSharp [{string.Join(", ", b)}].");
        }
    }

    private static IEnumerable<(string Path, Module Module)> PreOrder(Module root)
    {
        var stack = new Stack<(string, Module)>();
        stack.Push(("", root));
        while (stack.Count > 0)
        {
            var (path, m) = stack.Pop();
            yield return (path, m);
            // TorchSharp's MultiheadAttention is one native module: it lists out_proj's parameters but no out_proj
            // submodule, so AutoNet's is not listed either (its mode follows its parent's through Train).
            if (m is MultiheadAttention) continue;
            var children = m.NamedChildren().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((Join(path, children[i].Name), children[i].Module));
        }
    }

    private static IEnumerable<(string Path, torch.nn.Module Module)> PreOrder(torch.nn.Module root)
    {
        var stack = new Stack<(string, torch.nn.Module)>();
        stack.Push(("", root));
        while (stack.Count > 0)
        {
            var (path, m) = stack.Pop();
            yield return (path, m);
            var children = m.named_children().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((Join(path, children[i].name), children[i].module));
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
