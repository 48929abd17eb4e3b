using AutoNet.Data;
using AutoNet.Nn;
using TorchSharp;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchSharp;

internal static partial class BuiltInConverters
{
    /// <summary>Conv1d, Conv2d, MaxPool1d/2d, AvgPool1d/2d and AdaptiveAvgPool2d, both ways. TorchSharp settings
    /// AutoNet's layers lack (padding modes other than zeros, "same"/"valid" padding, ceil_mode, pooling dilation,
    /// count_include_pad=false, divisor_override, rectangular pooling windows) are refused.</summary>
    private static IEnumerable<ModuleConverter> ConvolutionAndPooling()
    {
        yield return ModuleConverter.Create<Conv1d, TorchModules.Conv1d>(
            (m, _) =>
            {
                var conv = torch.nn.Conv1d(m.InChannels, m.OutChannels, m.KernelSize, m.Stride, m.Padding, m.Dilation,
                    groups: m.Groups, bias: m.Bias is not null, dtype: m.Weight.DType.ToScalarType());
                CopyInto(conv.weight, m.Weight);
                CopyInto(conv.bias, m.Bias);
                return conv;
            },
            (m, _) =>
            {
                CheckConvolution(m, "Conv1d");
                var conv = new Conv1d(Int(m.in_channels), Int(m.out_channels), Int(m.kernel_size[0]), Int(m.stride[0]), Int(m.padding![0]),
                    Int(m.dilation[0]), Int(m.groups), m.bias is not null, m.weight!.dtype.ToDType(), new NumPyRandomState(0));
                CopyInto(conv.Weight, m.weight);
                CopyInto(conv.Bias, m.bias);
                return conv;
            });

        yield return ModuleConverter.Create<Conv2d, TorchModules.Conv2d>(
            (m, _) =>
            {
                var conv = torch.nn.Conv2d(m.InChannels, m.OutChannels, Long(m.KernelSize), Long(m.Stride), Long(m.Padding), Long(m.Dilation),
                    groups: m.Groups, bias: m.Bias is not null, dtype: m.Weight.DType.ToScalarType());
                CopyInto(conv.weight, m.Weight);
                CopyInto(conv.bias, m.Bias);
                return conv;
            },
            (m, _) =>
            {
                CheckConvolution(m, "Conv2d");
                var conv = new Conv2d(Int(m.in_channels), Int(m.out_channels), Pair(m.kernel_size), Pair(m.stride), Pair(m.padding!),
                    Pair(m.dilation), Int(m.groups), m.bias is not null, m.weight!.dtype.ToDType(), new NumPyRandomState(0));
                CopyInto(conv.Weight, m.weight);
                CopyInto(conv.Bias, m.bias);
                return conv;
            });

        yield return ModuleConverter.Create<Nn.MaxPool1d, TorchModules.MaxPool1d>(
            (m, _) => torch.nn.MaxPool1d(m.KernelSize, m.Stride, m.Padding),
            (m, _) =>
            {
                if (m.ceil_mode || (m.dilation ?? 1) != 1) throw Unsupported("MaxPool1d", "ceil_mode or dilation");
                return new Nn.MaxPool1d(Int(m.kernel_size), Int(m.stride ?? m.kernel_size), Int(m.padding ?? 0));
            });
        yield return ModuleConverter.Create<Nn.MaxPool2d, TorchModules.MaxPool2d>(
            (m, _) => torch.nn.MaxPool2d(m.KernelSize, m.Stride, m.Padding),
            (m, _) =>
            {
                if (m.ceil_mode || (m.dilation ?? []).Any(d => d != 1)) throw Unsupported("MaxPool2d", "ceil_mode or dilation");
                return new Nn.MaxPool2d(Square(m.kernel_size, "MaxPool2d"), Square(m.stride ?? m.kernel_size, "MaxPool2d"), Square(m.padding ?? [0], "MaxPool2d"));
            });
        yield return ModuleConverter.Create<Nn.AvgPool1d, TorchModules.AvgPool1d>(
            (m, _) => torch.nn.AvgPool1d(m.KernelSize, m.Stride, m.Padding),
            (m, _) =>
            {
                if (m.ceil_mode || !m.count_include_pad) throw Unsupported("AvgPool1d", "ceil_mode or count_include_pad=false");
                return new Nn.AvgPool1d(Int(m.kernel_size), Int(m.stride ?? m.kernel_size), Int(m.padding ?? 0));
            });
        yield return ModuleConverter.Create<Nn.AvgPool2d, TorchModules.AvgPool2d>(
            (m, _) => torch.nn.AvgPool2d(m.KernelSize, m.Stride, m.Padding),
            (m, _) =>
            {
                if (m.ceil_mode || !m.count_include_pad || m.divisor_override is not null)
                    throw Unsupported("AvgPool2d", "ceil_mode, count_include_pad=false or divisor_override");
                return new Nn.AvgPool2d(Square(m.kernel_size, "AvgPool2d"), Square(m.stride ?? m.kernel_size, "AvgPool2d"), Square(m.padding ?? [0], "AvgPool2d"));
            });
        yield return ModuleConverter.Create<AdaptiveAvgPool2d, TorchModules.AdaptiveAvgPool2d>(
            (m, _) => torch.nn.AdaptiveAvgPool2d(m.OutputSize),
            (m, _) => new AdaptiveAvgPool2d(Square(m.output_size, "AdaptiveAvgPool2d")));
    }

    private static void CheckConvolution(TorchModules.Convolution m, string op)
    {
        if (m.padding_mode != PaddingModes.Zeros || m.padding_type is not null)
            throw Unsupported(op, $"padding_mode {m.padding_mode} or padding \"same\"/\"valid\" (AutoNet pads with zeros, by a number)");
    }

    private static NotSupportedException Unsupported(string op, string what) =>
        new($"ModuleConversion: a TorchSharp {op} with {what} has no AutoNet equivalent.");

    private static int Int(long v) => checked((int)v);

    private static (int, int) Pair(long[] v) => v.Length == 1 ? (Int(v[0]), Int(v[0])) : (Int(v[0]), Int(v[1]));

    private static (long, long) Long((int, int) v) => (v.Item1, v.Item2);

    /// <summary>A pooling size that AutoNet holds as one number: both entries must be equal.</summary>
    private static int Square(long[]? v, string op)
    {
        if (v is null || v.Length == 0) throw Unsupported(op, "no size");
        if (v.Any(x => x != v[0])) throw Unsupported(op, $"different sizes per dim ({string.Join(", ", v)})");
        return Int(v[0]);
    }
}
