using System.Globalization;
using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A fully connected layer: y = x · Wᵀ + b, with <see cref="Weight"/> of shape [out, in] and <see cref="Bias"/> of
/// shape [out], as in PyTorch. Both start uniform in ±1/√in (PyTorch's default: kaiming_uniform_ with a = √5 for
/// the weight). The input is [*, in] (any leading dims, or none), the output [*, out]. PyTorch: <c>torch.nn.Linear</c>.
/// </summary>
public sealed class Linear : Module
{
    /// <summary>
    /// Creates the layer and initialises it as PyTorch does, drawing from <paramref name="generator"/>
    /// (default: <see cref="Init.Generator"/>).
    /// </summary>
    /// <param name="inFeatures">Size of each input sample.</param>
    /// <param name="outFeatures">Size of each output sample.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values.</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, DType dtype = DType.Float64, NumPyRandomState? generator = null)
    {
        if (inFeatures < 0) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, $"Linear: inFeatures must be >= 0, got {inFeatures}.");
        if (outFeatures < 0) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, $"Linear: outFeatures must be >= 0, got {outFeatures}.");
        dtype.CheckedFloat("Linear");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        double bound = inFeatures > 0 ? 1.0 / Math.Sqrt(inFeatures) : 0.0;
        Weight = new Parameter(Init.Uniform([outFeatures, inFeatures], -bound, bound, dtype, generator));
        Bias = bias ? new Parameter(Init.Uniform([outFeatures], -bound, bound, dtype, generator)) : null;
    }

    /// <summary>Size of each input sample.</summary>
    public int InFeatures { get; }

    /// <summary>Size of each output sample.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, shape [out, in].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, shape [out], or null when created with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Linear(input, Weight, Bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"in_features={InFeatures}, out_features={OutFeatures}, bias={(Bias is null ? "False" : "True")}");
}
