using System.Globalization;
using AutoNet.Data;
using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>What Conv1d and Conv2d share: argument checks, PyTorch's initialisation and printout.</summary>
internal static class ConvLayer
{
    public static void Check(string op, int inChannels, int outChannels, (int, int) kernel, (int, int) stride,
        (int, int) padding, (int, int) dilation, int groups)
    {
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{op}: groups must be >= 1, got {groups}.");
        if (inChannels < 1 || inChannels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, $"{op}: inChannels must be a positive multiple of groups = {groups}, got {inChannels}.");
        if (outChannels < 1 || outChannels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, $"{op}: outChannels must be a positive multiple of groups = {groups}, got {outChannels}.");
        ConvChecks.AtLeast(op, "kernelSize", kernel, 1);
        ConvChecks.AtLeast(op, nameof(stride), stride, 1);
        ConvChecks.AtLeast(op, nameof(padding), padding, 0);
        ConvChecks.AtLeast(op, nameof(dilation), dilation, 1);
    }

    /// <summary>Weight and bias uniform in ±1/√fan_in, fan_in = weight elements per output channel (PyTorch's
    /// kaiming_uniform_(a = √5) gives exactly this bound), the weight drawn first.</summary>
    public static (Parameter Weight, Parameter? Bias) Parameters(string op, int[] weightShape, bool bias, DType dtype, NumPyRandomState? generator)
    {
        dtype.CheckedFloat(op);
        int fanIn = 1;
        for (int i = 1; i < weightShape.Length; i++) fanIn *= weightShape[i];
        double bound = 1.0 / Math.Sqrt(fanIn);
        var weight = new Parameter(Init.Uniform(weightShape, -bound, bound, dtype, generator));
        var b = bias ? new Parameter(Init.Uniform([weightShape[0]], -bound, bound, dtype, generator)) : null;
        return (weight, b);
    }

    /// <summary>PyTorch's extra_repr of a convolution: kernel_size and stride always, the rest when not default.</summary>
    public static string Repr(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, bool bias)
    {
        var s = string.Create(CultureInfo.InvariantCulture,
            $"{inChannels}, {outChannels}, kernel_size={Tuple(kernel)}, stride={Tuple(stride)}");
        if (padding.Any(p => p != 0)) s += $", padding={Tuple(padding)}";
        if (dilation.Any(d => d != 1)) s += $", dilation={Tuple(dilation)}";
        if (groups != 1) s += string.Create(CultureInfo.InvariantCulture, $", groups={groups}");
        if (!bias) s += ", bias=False";
        return s;
    }

    private static string Tuple(int[] v) => v.Length == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({v[0]},)")
        : "(" + string.Join(", ", v.Select(x => x.ToString(CultureInfo.InvariantCulture))) + ")";
}
