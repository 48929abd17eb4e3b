using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// Parameter initialisation and the default random source for it. PyTorch: <c>torch.nn.init</c> and
/// <c>torch.manual_seed</c>.
/// </summary>
public static partial class Init
{
    /// <summary>
    /// The default generator, which layers draw their initial values from (and dropout its masks) when none is
    /// passed: one for the whole process, shared by all threads and async continuations, seeded with 0 until
    /// <see cref="ManualSeed"/> is called, so programs are reproducible by default. Always the same instance.
    /// PyTorch: <c>torch.default_generator</c>.
    /// </summary>
    public static NumPyRandomState Generator => DefaultGenerator.Instance;

    /// <summary>
    /// Restarts the default generator's stream from <paramref name="seed"/>, for every thread: the next draws,
    /// wherever they happen, equal those of <c>new NumPyRandomState(seed)</c>. PyTorch: <c>torch.manual_seed(seed)</c>.
    /// </summary>
    public static void ManualSeed(uint seed) => DefaultGenerator.ManualSeed(seed);

    /// <summary>A new tensor of the given shape filled uniformly in [low, high). PyTorch: <c>torch.nn.init.uniform_</c>.</summary>
    public static Tensor Uniform(int[] shape, double low, double high, DType dtype = DType.Float64, NumPyRandomState? generator = null)
    {
        dtype.CheckedFloat("Init.Uniform"); // before drawing, so a refused call leaves the generator as it was
        var values = (generator ?? Generator).Uniform(low, high, shape);
        return dtype == DType.Float64 ? values : values.To(dtype);
    }
}
