using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Normalises each sample over its last dims (<see cref="NormalizedShape"/>):
/// y = (x - E[x]) / √(Var[x] + ε) · weight + bias, with the biased variance and the same statistics in training
/// and evaluation. <see cref="Weight"/> starts at ones and <see cref="Bias"/> at zeros, both of shape
/// <see cref="NormalizedShape"/>. PyTorch: <c>torch.nn.LayerNorm(normalized_shape, eps, elementwise_affine)</c>.
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dims to normalise over, e.g. [features] or [seq, features].</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="elementwiseAffine">Learn a weight and a bias of shape <paramref name="normalizedShape"/>.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <exception cref="ArgumentException"><paramref name="normalizedShape"/> is empty or has a size below 1.</exception>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float64)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d < 1))
            throw new ArgumentException(
                $"LayerNorm: normalizedShape must list one or more sizes >= 1, got {ShapeUtil.Format(normalizedShape)}.", nameof(normalizedShape));
        if (!(eps >= 0))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"LayerNorm: eps must be >= 0, got {eps}.");
        dtype.CheckedFloat("LayerNorm");
        _normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        Weight = elementwiseAffine ? new Parameter(Tensor.Ones(_normalizedShape, dtype)) : null;
        Bias = elementwiseAffine ? new Parameter(Tensor.Zeros(_normalizedShape, dtype)) : null;
    }

    /// <summary>A layer normalising over the last dim, of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float64)
        : this([normalizedShape], eps, elementwiseAffine, dtype) { }

    private readonly int[] _normalizedShape;

    /// <summary>The trailing dims normalised over.</summary>
    public IReadOnlyList<int> NormalizedShape => _normalizedShape;

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>The scale, of shape <see cref="NormalizedShape"/>, or null without elementwise affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>The shift, of shape <see cref="NormalizedShape"/>, or null without elementwise affine.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LayerNorm(input, _normalizedShape, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"({string.Join(", ", _normalizedShape)},), eps={PyRepr.Float(Eps)}, elementwise_affine={PyRepr.Bool(Weight is not null)}";
}
