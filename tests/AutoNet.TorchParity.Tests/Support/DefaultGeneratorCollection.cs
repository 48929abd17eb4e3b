using Xunit;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// Tests that seed the process-wide default generator (<c>Init.ManualSeed</c>) and check what it draws run in this
/// collection, alone: a test running in parallel that builds a layer without a generator would draw from the same
/// stream, as it would in PyTorch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class DefaultGeneratorCollection
{
    /// <summary>The collection's name, for <c>[Collection(DefaultGeneratorCollection.Name)]</c>.</summary>
    public const string Name = "Default generator";
}
