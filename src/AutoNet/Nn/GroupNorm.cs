using System.Globalization;
using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Group normalisation: the C channels of an input [N, C, *] are split into <see cref="NumGroups"/> groups of
/// C / G channels, and each sample's group is normalised over its channels and positions,
/// y = (x - mean) / √(var + ε) (var biased), then scaled and shifted per channel by <see cref="Weight"/> and
/// <see cref="Bias"/>. The same in training and evaluation (no running statistics). Written in tensor ops, so
/// second-order gradients work. Calls <see cref="F.GroupNorm"/>. PyTorch: <c>torch.nn.GroupNorm</c>.
/// </summary>
public sealed class GroupNorm : Module
{
    /// <summary>Creates the layer: weight ones, bias zeros.</summary>
    /// <param name="numGroups">G, the number of groups; must divide <paramref name="numChannels"/>.</param>
    /// <param name="numChannels">C, the number of channels (dim 1 of the input).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="affine">Learn a per-channel weight and bias.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, channels not divisible by groups, or a negative eps.</exception>
    public GroupNorm(int numGroups, int numChannels, double eps = 1e-5, bool affine = true, DType dtype = DType.Float64)
    {
        if (numGroups < 1)
            throw new ArgumentOutOfRangeException(nameof(numGroups), numGroups, $"GroupNorm: numGroups must be >= 1, got {numGroups}.");
        if (numChannels < 1 || numChannels % numGroups != 0)
            throw new ArgumentOutOfRangeException(nameof(numChannels), numChannels,
                $"GroupNorm: numChannels must be a positive multiple of numGroups ({numGroups}), got {numChannels}.");
        if (!(eps >= 0))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, string.Create(CultureInfo.InvariantCulture, $"GroupNorm: eps must be >= 0, got {eps}."));
        dtype.CheckedFloat("GroupNorm");
        (NumGroups, NumChannels, Eps) = (numGroups, numChannels, eps);
        Weight = affine ? new Parameter(Tensor.Ones([numChannels], dtype)) : null;
        Bias = affine ? new Parameter(Tensor.Zeros([numChannels], dtype)) : null;
    }

    /// <summary>G, the number of groups.</summary>
    public int NumGroups { get; }

    /// <summary>C, the number of channels.</summary>
    public int NumChannels { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>The per-channel scale [C], or null without affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>The per-channel shift [C], or null without affine.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not [N, C, *] with C = NumChannels.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (shape.Length < 2 || shape[1] != NumChannels)
            throw new ArgumentException(
                $"GroupNorm: expected input of shape [N, {NumChannels}, *], got shape {ShapeUtil.Format(shape)}.");
        return F.GroupNorm(input, NumGroups, Weight, Bias, Eps);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"{NumGroups}, {NumChannels}, eps={PyRepr.Float(Eps)}, affine={PyRepr.Bool(Weight is not null)}");
}
