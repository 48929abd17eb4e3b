namespace AutoNet.TorchSharp;

/// <summary>Settings of a <see cref="Parity"/> check. Every property has a sensible default.</summary>
public sealed record ParityOptions
{
    /// <summary>The default options.</summary>
    public static ParityOptions Default { get; } = new();

    /// <summary>The tolerance for every comparison; null (the default) picks <see cref="ParityTolerance.For"/> the
    /// dtype of each compared tensor.</summary>
    public ParityTolerance? Tolerance { get; init; }

    /// <summary>Whether gradients are compared as well as outputs (default true).</summary>
    public bool CheckGradients { get; init; } = true;

    /// <summary>Seed of the random output gradient (standard normal values, drawn with
    /// <see cref="Data.NumPyRandomState"/>) that both libraries back-propagate. Default 0.</summary>
    public uint Seed { get; init; }

    /// <summary>Positions of inputs that are constants (no gradient is computed or compared for them), e.g. the
    /// target of a loss when only the input's gradient matters. Default: none, every input is differentiated.</summary>
    public IReadOnlyCollection<int> ConstantInputs { get; init; } = [];

    /// <summary>The tolerance used for a tensor of <paramref name="dtype"/> under these options.</summary>
    public ParityTolerance ToleranceFor(DType dtype) => Tolerance ?? ParityTolerance.For(dtype);
}
