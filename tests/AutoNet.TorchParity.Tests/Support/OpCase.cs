using TorchSharp;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>One parity case: the same computation in AutoNet and in TorchSharp, and the inputs it takes.</summary>
/// <param name="Name">A unique, readable name, e.g. <c>Add [3, 4] + [4]</c>; it also seeds the inputs.</param>
/// <param name="AutoNet">The computation in AutoNet.</param>
/// <param name="Torch">The same computation in TorchSharp.</param>
/// <param name="Inputs">Shape and kind of each input.</param>
public sealed record OpCase(string Name, Func<Tensor[], Tensor> AutoNet, Func<torch.Tensor[], torch.Tensor> Torch, InputSpec[] Inputs)
{
    /// <summary>The name, so that test explorers show it.</summary>
    public override string ToString() => Name;
}
