namespace AutoNet.Nn;

/// <summary>
/// Huber loss with d = x - y: ℓ = ½d² where |d| &lt; δ, else δ·(|d| - ½δ); reduced. Quadratic near zero, linear
/// beyond δ, so outliers pull less than with MSE. PyTorch: <c>torch.nn.HuberLoss(reduction, delta)</c>.
/// </summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear, &gt; 0 (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not a positive number.</exception>
    public HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) : base(reduction)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"HuberLoss: delta must be a positive number, got {delta}.");
        Delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor Forward(Tensor input, Tensor target) => F.HuberLoss(input, target, Reduction, Delta);

    /// <inheritdoc/>
    public override string ToString() => $"HuberLoss(reduction={Reduction}, delta={PyRepr.Float(Delta)})";
}
