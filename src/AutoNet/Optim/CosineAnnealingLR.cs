using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// Cosine annealing from the base rate down to <see cref="EtaMin"/> over <see cref="TMax"/> steps, and back up over
/// the next <see cref="TMax"/> (a cosine wave, no restarts). When nothing else changes the rate it equals the
/// closed form <c>etaMin + (baseLr - etaMin) · (1 + cos(π · epoch / TMax)) / 2</c>; like PyTorch it is computed
/// recursively from the current rate, which gives PyTorch's values to the last bit:
/// <code>
/// lr ← etaMin + (1 + cos(π·e/T)) / (1 + cos(π·(e-1)/T)) · (lr - etaMin)       (usual step)
/// lr ← lr + (baseLr - etaMin) · (1 - cos(π/T)) / 2                            (when (e - 1 - T) mod 2T = 0)
/// </code>
/// PyTorch: <c>torch.optim.lr_scheduler.CosineAnnealingLR</c>.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Attaches the schedule to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimiser whose learning rate to anneal.</param>
    /// <param name="tMax">Number of steps from the base rate down to <paramref name="etaMin"/>, &gt;= 1.</param>
    /// <param name="etaMin">The lowest learning rate, finite and &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        if (tMax < 1) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, $"CosineAnnealingLR: tMax must be >= 1, got {tMax}.");
        if (!double.IsFinite(etaMin) || etaMin < 0)
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, $"CosineAnnealingLR: etaMin must be a finite number >= 0, got {etaMin}.");
        (TMax, EtaMin) = (tMax, etaMin);
    }

    /// <summary>Half period, in steps. PyTorch: <c>T_max</c>.</summary>
    public int TMax { get; }

    /// <summary>The lowest learning rate. PyTorch: <c>eta_min</c>.</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(double current, double baseLearningRate)
    {
        int e = LastEpoch;
        double lr = current;
        if (e == 0) return lr;
        if ((e - 1 - TMax) % (2L * TMax) == 0)
            return lr + (baseLearningRate - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2;
        return (1 + Math.Cos(Math.PI * e / TMax)) / (1 + Math.Cos(Math.PI * (e - 1) / TMax)) * (lr - EtaMin) + EtaMin;
    }

    /// <summary>The settings, e.g. <c>CosineAnnealingLR(tMax=10, etaMin=0)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CosineAnnealingLR(tMax={TMax}, etaMin={EtaMin})");
}
