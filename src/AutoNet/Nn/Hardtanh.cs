namespace AutoNet.Nn;

/// <summary>
/// Clamps each element to [minVal, maxVal] (gradient 1 strictly inside, 0 at the bounds and beyond).
/// PyTorch: <c>torch.nn.Hardtanh(min_val, max_val)</c>.
/// </summary>
public sealed class Hardtanh : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="minVal">The lower bound (default -1).</param>
    /// <param name="maxVal">The upper bound (default 1), above <paramref name="minVal"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="maxVal"/> is not above <paramref name="minVal"/> (PyTorch's
    /// module asserts <c>max_val &gt; min_val</c>), or either is NaN.</exception>
    public Hardtanh(double minVal = -1.0, double maxVal = 1.0)
    {
        if (!(minVal < maxVal))
            throw new ArgumentException($"Hardtanh: expected minVal < maxVal, got minVal {minVal} and maxVal {maxVal}.");
        (MinVal, MaxVal) = (minVal, maxVal);
    }

    /// <summary>The lower bound.</summary>
    public double MinVal { get; }

    /// <summary>The upper bound.</summary>
    public double MaxVal { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Hardtanh(input, MinVal, MaxVal);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"min_val={PyRepr.Float(MinVal)}, max_val={PyRepr.Float(MaxVal)}";
}
