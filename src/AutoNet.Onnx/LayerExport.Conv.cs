using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>
    /// Conv1d/Conv2d: one <c>Conv(x, W, b)</c> node with kernel_shape, strides, pads (begin then end, the same zero
    /// padding on both sides), dilations and group, as torch.onnx writes it. Input [N, C, L] or [N, C, H, W].
    /// (ONNX Runtime's CPU provider runs Conv in float32 only; a float64 graph is valid ONNX but it refuses it.)
    /// </summary>
    private static GraphValue ExportConv(GraphBuilder g, string path, GraphValue x, string layerName, Parameter weight, Parameter? bias,
        int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups)
    {
        int dims = kernel.Length;
        CheckSpatial(path, x, layerName, dims, inChannels);
        var output = new int[dims + 1];
        output[0] = outChannels;
        for (int i = 0; i < dims; i++)
            output[i + 1] = OutputSize(path, x, layerName, x.SampleShape[i + 1], kernel[i], stride[i], padding[i], dilation[i]);
        string w = g.Constant(ConstantName(path, "weight"), [.. weight.Shape.Select(d => (long)d)], weight.ToArray());
        string[] inputs = bias is null ? [x.Name, w] : [x.Name, w, g.Constant(ConstantName(path, "bias"), [outChannels], bias.ToArray())];
        return new(g.Node("Conv", NodeName(path, "Conv"), inputs,
            new OnnxIntsAttribute("kernel_shape", Longs(kernel)), new OnnxIntsAttribute("strides", Longs(stride)),
            new OnnxIntsAttribute("pads", Longs([.. padding, .. padding])), new OnnxIntsAttribute("dilations", Longs(dilation)),
            new OnnxIntAttribute("group", groups)), output);
    }

    /// <summary>
    /// MaxPool1d/2d and AvgPool1d/2d: a <c>MaxPool</c> or <c>AveragePool</c> node with square kernel and stride and
    /// the same padding on every side; average pooling counts the padding (count_include_pad = 1), as AutoNet and
    /// PyTorch do.
    /// </summary>
    private static GraphValue ExportPool(GraphBuilder g, string path, GraphValue x, string layerName, string opType, int dims,
        int kernel, int stride, int padding)
    {
        CheckSpatial(path, x, layerName, dims, channels: null);
        var output = new int[dims + 1];
        output[0] = x.SampleShape[0];
        for (int i = 0; i < dims; i++) output[i + 1] = OutputSize(path, x, layerName, x.SampleShape[i + 1], kernel, stride, padding, 1);
        var attributes = new List<OnnxAttribute>
        {
            new OnnxIntsAttribute("kernel_shape", Longs(Enumerable.Repeat(kernel, dims).ToArray())),
            new OnnxIntsAttribute("strides", Longs(Enumerable.Repeat(stride, dims).ToArray())),
            new OnnxIntsAttribute("pads", Longs(Enumerable.Repeat(padding, 2 * dims).ToArray())),
        };
        if (opType == "AveragePool") attributes.Add(new OnnxIntAttribute("count_include_pad", 1));
        return new(g.Node(opType, NodeName(path, opType), [x.Name], [.. attributes]), output);
    }

    /// <summary>
    /// AdaptiveAvgPool2d(n): <c>GlobalAveragePool</c> for n = 1; an <c>AveragePool</c> with kernel = stride = H/n
    /// (and W/n) when n divides the height and width (then the windows are exactly those); other sizes have
    /// overlapping windows of different sizes, which one ONNX node cannot express, and are refused.
    /// </summary>
    private static GraphValue ExportAdaptiveAvgPool2d(GraphBuilder g, AdaptiveAvgPool2d pool, string path, GraphValue x)
    {
        CheckSpatial(path, x, "AdaptiveAvgPool2d", 2, channels: null);
        int n = pool.OutputSize, h = x.SampleShape[1], w = x.SampleShape[2];
        int[] output = [x.SampleShape[0], n, n];
        if (n == 1) return new(g.Node("GlobalAveragePool", NodeName(path, "GlobalAveragePool"), [x.Name]), output);
        if (h % n != 0 || w % n != 0)
            throw new NotSupportedException(
                $"OnnxExporter: layer '{Display(path)}' (AdaptiveAvgPool2d({n})) gets input {x.ShapeText}, whose height and width are not multiples of {n}; " +
                "its windows then overlap and differ in size, which the exporter does not translate.");
        return new(g.Node("AveragePool", NodeName(path, "AveragePool"), [x.Name],
            new OnnxIntsAttribute("kernel_shape", [h / n, w / n]), new OnnxIntsAttribute("strides", [h / n, w / n])), output);
    }

    private static void CheckSpatial(string path, GraphValue x, string layerName, int dims, int? channels)
    {
        if (x.Rank != dims + 2 || (channels is int c && x.SampleShape[0] != c))
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' ({layerName}) expects inputs of shape [N, {(channels?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "C")}, {(dims == 1 ? "L" : "H, W")}], but gets shape {x.ShapeText}.");
    }

    private static int OutputSize(string path, GraphValue x, string layerName, int size, int kernel, int stride, int padding, int dilation)
    {
        int o = (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        if (size + 2 * padding < dilation * (kernel - 1) + 1)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' ({layerName}) has a kernel larger than its padded input of shape {x.ShapeText}.");
        return o;
    }

    private static long[] Longs(int[] values) => [.. values.Select(v => (long)v)];
}
