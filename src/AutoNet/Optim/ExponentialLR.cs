using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> at every step: <c>lr ← lr · gamma</c>, so that
/// <c>lr = baseLr · gamma^epoch</c> when nothing else changes it. PyTorch: <c>torch.optim.lr_scheduler.ExponentialLR</c>.
/// </summary>
public sealed class ExponentialLR : LRScheduler
{
    /// <summary>Attaches the schedule to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimiser whose learning rate to decay.</param>
    /// <param name="gamma">Multiplicative factor, finite and &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is out of range.</exception>
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        if (!double.IsFinite(gamma) || gamma < 0)
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"ExponentialLR: gamma must be a finite number >= 0, got {gamma}.");
        Gamma = gamma;
    }

    /// <summary>Multiplicative factor of the decay. PyTorch: <c>gamma</c>.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(double current, double baseLearningRate) => LastEpoch == 0 ? current : current * Gamma;

    /// <summary>The settings, e.g. <c>ExponentialLR(gamma=0.9)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ExponentialLR(gamma={Gamma})");
}
