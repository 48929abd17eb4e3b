using AutoNet.Data;

namespace AutoNet.Tests.Support;

/// <summary>Leaves drawn from a NumPy-exact generator, for gradient checks of layers and losses.</summary>
internal static class Leaves
{
    /// <summary>A float64 leaf of standard normal values that requires grad.</summary>
    public static Tensor Normal(NumPyRandomState rng, params int[] shape)
    {
        var t = rng.Randn(shape);
        t.RequiresGrad = true;
        return t;
    }
}
