using AutoNet;

namespace DocSamples.MoonsFourWays;

/// <summary>The four epoch-0 gradients of the moons network, in the seed notebook's layout (W1 is [2, 4]).</summary>
public sealed record MoonsGradients(Tensor W1, Tensor b1, Tensor W2, Tensor b2)
{
    /// <summary>(name, values) for each gradient, flattened row-major, in the order W1, b1, W2, b2.</summary>
    public IEnumerable<(string Name, double[] Values)> Named() =>
    [
        ("dW1", W1.ToArray()), ("db1", b1.ToArray()), ("dW2", W2.ToArray()), ("db2", b2.ToArray()),
    ];
}
