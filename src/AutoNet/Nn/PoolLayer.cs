using System.Globalization;
using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>What the pooling layers share: argument checks and PyTorch's printouts.</summary>
internal static class PoolLayer
{
    public static (int Kernel, int Stride, int Padding) Check(string op, int kernelSize, int? stride, int padding)
    {
        int s = stride ?? kernelSize;
        ConvChecks.AtLeast(op, nameof(kernelSize), (kernelSize, kernelSize), 1);
        ConvChecks.AtLeast(op, nameof(stride), (s, s), 1);
        ConvChecks.AtLeast(op, nameof(padding), (padding, padding), 0);
        ConvChecks.CheckPoolPadding(op, (kernelSize, kernelSize), (padding, padding));
        return (kernelSize, s, padding);
    }

    /// <summary>MaxPool1d/2d's extra_repr.</summary>
    public static string ReprMax(int kernel, int stride, int padding) =>
        string.Create(CultureInfo.InvariantCulture, $"kernel_size={kernel}, stride={stride}, padding={padding}, dilation=1, ceil_mode=False");

    /// <summary>AvgPool1d's extra_repr (its sizes are 1-tuples in PyTorch).</summary>
    public static string ReprAvg1d(int kernel, int stride, int padding) =>
        string.Create(CultureInfo.InvariantCulture, $"kernel_size=({kernel},), stride=({stride},), padding=({padding},)");

    /// <summary>AvgPool2d's extra_repr.</summary>
    public static string ReprAvg2d(int kernel, int stride, int padding) =>
        string.Create(CultureInfo.InvariantCulture, $"kernel_size={kernel}, stride={stride}, padding={padding}");
}
