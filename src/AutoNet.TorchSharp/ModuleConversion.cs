using AutoNet.Nn;
using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Converts whole models between AutoNet and TorchSharp, layer by layer through <see cref="ModuleConverters"/>,
/// with identical parameter values and identical parameter names (<c>0.weight</c>, <c>0.bias</c>, ...), so a model
/// can be trained or checked in either library from the same starting point.
/// </summary>
/// <remarks>
/// The TorchSharp module's parameters are native tensors. Create it outside any <c>torch.NewDisposeScope()</c>
/// that ends before you are done with it (a scope disposes the parameters created inside it).
/// </remarks>
public static class ModuleConversion
{
    /// <summary>
    /// The equivalent TorchSharp module with copies of <paramref name="module"/>'s parameters (same values, dtype,
    /// names and <c>requires_grad</c>). The two share no memory. PyTorch equivalent: building the same
    /// <c>torch.nn</c> model and loading the state dict.
    /// </summary>
    /// <param name="module">An AutoNet model built from supported layers (<see cref="ModuleConverters.All"/>).</param>
    /// <exception cref="NotSupportedException">A layer has no registered converter.</exception>
    /// <exception cref="InvalidOperationException">A converter produced parameter names that differ from AutoNet's.</exception>
    public static torch.nn.Module<torch.Tensor, torch.Tensor> ToTorch(this Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = Export(module);
        CheckNames(module, result, "ToTorch");
        return result;
    }

    /// <summary>
    /// The equivalent AutoNet module with copies of <paramref name="module"/>'s parameters (same values, dtype, names
    /// and <see cref="Tensor.RequiresGrad"/>). The two share no memory. Does not draw from
    /// <see cref="Init.Generator"/>.
    /// </summary>
    /// <param name="module">A TorchSharp model built from supported layers (<see cref="ModuleConverters.All"/>).</param>
    /// <exception cref="NotSupportedException">A layer has no registered converter.</exception>
    /// <exception cref="InvalidOperationException">The parameter names would differ (e.g. a TorchSharp Sequential whose
    /// children are named rather than numbered; AutoNet's Sequential numbers them).</exception>
    public static Module ToAutoNet(this torch.nn.Module<torch.Tensor, torch.Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = Import(module);
        CheckNames(result, module, "ToAutoNet");
        return result;
    }

    private static torch.nn.Module<torch.Tensor, torch.Tensor> Export(Module module) =>
        ModuleConverters.ForAutoNet(module).ToTorch(module, Export);

    private static Module Import(torch.nn.Module module) =>
        ModuleConverters.ForTorch(module).ToAutoNet(module, Import);

    private static void CheckNames(Module autoNet, torch.nn.Module torchModule, string operation)
    {
        var ours = autoNet.NamedParameters().Select(p => p.Name).ToList();
        var theirs = torchModule.named_parameters().Select(p => p.name).ToList();
        if (!ours.SequenceEqual(theirs))
            throw new InvalidOperationException(
                $"ModuleConversion.{operation}: parameter names differ: AutoNet [{string.Join(", ", ours)}], TorchSharp [{string.Join(", ", theirs)}].");
    }
}
