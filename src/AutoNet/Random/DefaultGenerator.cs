using AutoNet.Data;

namespace AutoNet;

/// <summary>
/// The process-wide default random generator: what layers draw their initial values from and what dropout draws
/// its masks from when no generator is passed. One generator for the whole process, shared by every thread and
/// every async continuation, seeded with 0 at start-up (so programs are reproducible by default) and reseeded in
/// place by <see cref="ManualSeed"/>. PyTorch: <c>torch.default_generator</c> and <c>torch.manual_seed</c>.
/// Users reach it as <c>Nn.Init.Generator</c> and <c>Nn.Init.ManualSeed</c>; it lives here, in the core, so that
/// <c>F</c> and <c>Nn</c> both use it without depending on each other.
/// </summary>
/// <remarks>
/// <see cref="NumPyRandomState"/> locks around each call, so threads drawing at once each get a contiguous piece of
/// the one stream; which thread gets which piece depends on their timing, as with PyTorch's default generator.
/// </remarks>
internal static class DefaultGenerator
{
    /// <summary>The generator (always the same instance; <see cref="ManualSeed"/> restarts its stream).</summary>
    public static NumPyRandomState Instance { get; } = new(0);

    /// <summary>Restarts the default generator's stream from <paramref name="seed"/>, for every thread.</summary>
    public static void ManualSeed(uint seed) => Instance.Reseed(seed);
}
