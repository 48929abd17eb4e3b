namespace AutoNet.TorchSharp;

/// <summary>Settings of a <see cref="GradientCheck"/>.ThreeWay check. Every property has a sensible default.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>The default options.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>The tolerance against PyTorch (the output and every gradient); null (the default) picks
    /// <see cref="ParityTolerance.For"/> the dtype of each compared tensor, as <see cref="Parity.Check(Func{Tensor[], Tensor}, Func{global::TorchSharp.torch.Tensor[], global::TorchSharp.torch.Tensor}, ParityOptions, Tensor[])"/> does.</summary>
    public ParityTolerance? Tolerance { get; init; }

    /// <summary>The tolerance against the hand-written gradient; null (the default) uses the same as against PyTorch.
    /// A hand-written formula rounds differently from AutoNet's backward, so a few ulps more may be needed.</summary>
    public ParityTolerance? HandWrittenTolerance { get; init; }

    /// <summary>The finite-difference step ε: each input element is moved by ±ε (default 1e-6, as
    /// <see cref="Autograd.GradCheck"/> and PyTorch's <c>gradcheck</c>).</summary>
    public double Eps { get; init; } = 1e-6;

    /// <summary>The tolerance against finite differences: |AutoNet - numerical| ≤ atol + rtol · |numerical| with the
    /// defaults of <see cref="Autograd.GradCheck"/> and <c>torch.autograd.gradcheck</c>: rtol 1e-3, atol 1e-5.
    /// A central difference is only accurate to about ε² · f‴ + (rounding of f) / ε, so this is far looser than the
    /// tolerance against PyTorch.</summary>
    public ParityTolerance FiniteDifferenceTolerance { get; init; } = new(1e-3, 1e-5);

    /// <summary>Seed of the random output gradient (standard normal values drawn with <see cref="Data.NumPyRandomState"/>)
    /// that all three references are computed for. Default 0.</summary>
    public uint Seed { get; init; }

    /// <summary>Positions of inputs that are constants (no gradient is computed or compared for them), e.g. the target
    /// of a loss. Default: none.</summary>
    public IReadOnlyCollection<int> ConstantInputs { get; init; } = [];

    /// <summary>The tolerance against PyTorch for a tensor of <paramref name="dtype"/>.</summary>
    public ParityTolerance ToleranceFor(DType dtype) => Tolerance ?? ParityTolerance.For(dtype);

    /// <summary>The tolerance against the hand-written gradient for a tensor of <paramref name="dtype"/>.</summary>
    public ParityTolerance HandWrittenToleranceFor(DType dtype) => HandWrittenTolerance ?? ToleranceFor(dtype);
}
