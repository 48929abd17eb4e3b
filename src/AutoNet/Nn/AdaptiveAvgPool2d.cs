using System.Globalization;
using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Average pooling of [N, C, H, W] or [C, H, W] input to a fixed [outputSize, outputSize]: output row i averages
/// input rows ⌊i·H/out⌋ to ⌈(i+1)·H/out⌉ − 1, and likewise for columns, so windows may overlap and differ in size.
/// Computed as a product with a constant averaging matrix (differentiable to any order).
/// PyTorch: <c>torch.nn.AdaptiveAvgPool2d(output_size)</c>.
/// </summary>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer (it has no parameters).</summary>
    /// <param name="outputSize">Output height and width (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> is below 1.</exception>
    public AdaptiveAvgPool2d(int outputSize)
    {
        if (outputSize < 1)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, $"AdaptiveAvgPool2d: outputSize must be >= 1, got {outputSize}.");
        OutputSize = outputSize;
    }

    /// <summary>Output height and width.</summary>
    public int OutputSize { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D, or has an empty spatial dim.</exception>
    public override Tensor Forward(Tensor input)
    {
        var (x, batched) = ConvChecks.ToFourDims("AdaptiveAvgPool2d", input, 2, "C");
        var s = x.ShapeArray;
        if (s[2] == 0 || s[3] == 0)
            throw new ArgumentException($"AdaptiveAvgPool2d: expected non-empty height and width, got input shape {ShapeUtil.Format(input.ShapeArray)}.");
        int o = OutputSize;
        var a = Tensor.ZeroFilled([s[2] * s[3], o * o], x.DType, "AdaptiveAvgPool2d");
        if (a.DType == DType.Float32) Kernels.Pooling.AdaptiveAverageMatrix(a.Span<float>(), s[2], s[3], o);
        else Kernels.Pooling.AdaptiveAverageMatrix(a.Span<double>(), s[2], s[3], o);
        var y = x.Reshape(s[0] * s[1], s[2] * s[3]).MatMul(a).Reshape(s[0], s[1], o, o);
        return ConvChecks.FromFourDims(y, 2, batched);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"output_size={OutputSize}");
}
