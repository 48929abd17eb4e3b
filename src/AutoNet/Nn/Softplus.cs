namespace AutoNet.Nn;

/// <summary>
/// Applies log(1 + e^(βx)) / β elementwise, and x itself where βx &gt; threshold (gradient exactly 1 there).
/// PyTorch: <c>torch.nn.Softplus(beta, threshold)</c>.
/// </summary>
/// <param name="beta">β, a finite number other than 0 (default 1).</param>
/// <param name="threshold">Above this value of βx the input is returned unchanged (default 20).</param>
public sealed class Softplus(double beta = 1, double threshold = 20) : Module
{
    /// <summary>β of log(1 + e^(βx)) / β.</summary>
    public double Beta { get; } = beta != 0 && double.IsFinite(beta) ? beta
        : throw new ArgumentOutOfRangeException(nameof(beta), beta, $"Softplus: beta must be a finite number other than 0, got {beta}.");

    /// <summary>Above this value of βx the input is returned unchanged.</summary>
    public double Threshold { get; } = !double.IsNaN(threshold) ? threshold
        : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus: threshold must be a number, got NaN.");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Softplus(input, Beta, Threshold);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"beta={Number(Beta)}, threshold={Number(Threshold)}";

    /// <summary>Whole numbers as Python prints PyTorch's int defaults (<c>beta=1, threshold=20</c>), others as floats.</summary>
    private static string Number(double v) =>
        double.IsInteger(v) && Math.Abs(v) < 1e15 ? ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture) : PyRepr.Float(v);
}
