using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> steps:
/// <c>lr ← lr · gamma</c> when <c>LastEpoch</c> is a positive multiple of <c>stepSize</c>, unchanged otherwise,
/// so that <c>lr = baseLr · gamma^⌊epoch / stepSize⌋</c> when nothing else changes it. PyTorch: <c>torch.optim.lr_scheduler.StepLR</c>.
/// </summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Attaches the schedule to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimiser whose learning rate to decay.</param>
    /// <param name="stepSize">Period of the decay, in steps, &gt;= 1.</param>
    /// <param name="gamma">Multiplicative factor, finite and &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"StepLR: stepSize must be >= 1, got {stepSize}.");
        if (!double.IsFinite(gamma) || gamma < 0) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"StepLR: gamma must be a finite number >= 0, got {gamma}.");
        (StepSize, Gamma) = (stepSize, gamma);
    }

    /// <summary>Period of the decay, in steps. PyTorch: <c>step_size</c>.</summary>
    public int StepSize { get; }

    /// <summary>Multiplicative factor of the decay. PyTorch: <c>gamma</c>.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(double current, double baseLearningRate) =>
        LastEpoch == 0 || LastEpoch % StepSize != 0 ? current : current * Gamma;

    /// <summary>The settings, e.g. <c>StepLR(stepSize=30, gamma=0.1)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"StepLR(stepSize={StepSize}, gamma={Gamma})");
}
