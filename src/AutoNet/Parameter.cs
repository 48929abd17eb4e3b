namespace AutoNet;

/// <summary>
/// A tensor that is a learnable parameter of a module: a leaf that requires grad. <c>Nn.Module</c> finds
/// fields and properties of this type by reflection, so a module's parameters need no registration.
/// PyTorch: <c>torch.nn.Parameter</c>.
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>Makes a parameter that shares <paramref name="data"/>'s memory (detached from any graph).</summary>
    /// <param name="data">The initial values.</param>
    /// <param name="requiresGrad">Whether the optimiser should train it (default true).</param>
    public Parameter(Tensor data, bool requiresGrad = true) : base(data)
    {
        RequiresGrad = requiresGrad;
    }
}
