using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// Parameter initialisation and the default random source for it. PyTorch: <c>torch.nn.init</c> and
/// <c>torch.manual_seed</c>.
/// </summary>
public static class Init
{
    [ThreadStatic] private static NumPyRandomState? _generator;

    /// <summary>
    /// The generator layers draw their initial values from when none is passed: one per thread, seeded with 0
    /// until <see cref="ManualSeed"/> is called, so programs are reproducible by default.
    /// </summary>
    public static NumPyRandomState Generator => _generator ??= new NumPyRandomState(0);

    /// <summary>Reseeds this thread's default generator. PyTorch: <c>torch.manual_seed(seed)</c>.</summary>
    public static void ManualSeed(uint seed) => _generator = new NumPyRandomState(seed);

    /// <summary>A new tensor of the given shape filled uniformly in [low, high). PyTorch: <c>torch.nn.init.uniform_</c>.</summary>
    public static Tensor Uniform(int[] shape, double low, double high, DType dtype = DType.Float64, NumPyRandomState? generator = null)
    {
        dtype.Checked("Init.Uniform"); // before drawing, so a refused call leaves the generator as it was
        var values = (generator ?? Generator).Uniform(low, high, shape);
        return dtype == DType.Float64 ? values : values.To(dtype);
    }
}
