using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

/// <summary>
/// Translates AutoNet layers into ONNX nodes, one layer at a time, in the layer's eval-mode (inference)
/// behaviour. Each method takes the layer's input value and returns its output value; the shapes are tracked so
/// that a layer that cannot take its input fails here, with the layer's path in the message, and not later in
/// a runtime. The per-layer translations live in the other LayerExport.*.cs files.
/// </summary>
internal static partial class LayerExport
{
    /// <summary>The layers <see cref="Export"/> knows, for the error message.</summary>
    public const string SupportedLayers =
        "Sequential, Linear, ReLU, Sigmoid, Tanh, LeakyReLU, GELU, Softmax, LogSoftmax, Flatten, Identity, Dropout, BatchNorm1d, BatchNorm2d, LayerNorm, " +
        "ELU, SELU, SiLU, Mish, ReLU6, Hardtanh, LogSigmoid, Softsign, " +
        "Conv1d, Conv2d, MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool2d, Embedding (as the first layer)";

    /// <summary>The name of the graph's input value.</summary>
    public const string GraphInput = "input";

    /// <summary>Adds the nodes computing <paramref name="layer"/>(<paramref name="x"/>) and returns the result.</summary>
    /// <param name="g">The graph being built.</param>
    /// <param name="layer">The layer.</param>
    /// <param name="path">The layer's name in the model, as in its state dict ("0", "2.1"); "" for the model itself.</param>
    /// <param name="x">The layer's input.</param>
    /// <exception cref="NotSupportedException">The layer (or one inside it) has no ONNX translation here.</exception>
    /// <exception cref="ArgumentException">The layer cannot take an input of <paramref name="x"/>'s shape.</exception>
    public static GraphValue Export(GraphBuilder g, Module layer, string path, GraphValue x) => layer switch
    {
        Sequential sequential => ExportSequential(g, sequential, path, x),
        Linear linear => ExportLinear(g, linear, path, x),
        ReLU => Unary(g, "Relu", path, x),
        Sigmoid => Unary(g, "Sigmoid", path, x),
        Tanh => Unary(g, "Tanh", path, x),
        LeakyReLU leaky => ExportLeakyRelu(g, leaky, path, x),
        GELU gelu => ExportGelu(g, gelu, path, x),
        Softmax softmax => Unary(g, "Softmax", path, x, new OnnxIntAttribute("axis", Axis(softmax.Dim, x, path, "Softmax"))),
        LogSoftmax logSoftmax => Unary(g, "LogSoftmax", path, x, new OnnxIntAttribute("axis", Axis(logSoftmax.Dim, x, path, "LogSoftmax"))),
        Flatten flatten => ExportFlatten(g, flatten, path, x),
        Identity => Unary(g, "Identity", path, x),
        Dropout => Unary(g, "Identity", path, x), // dropout is the identity at inference, as torch.onnx exports it
        BatchNorm batchNorm => ExportBatchNorm(g, batchNorm, path, x),
        LayerNorm layerNorm => ExportLayerNorm(g, layerNorm, path, x),
        Conv1d conv => ExportConv(g, path, x, "Conv1d", conv.Weight, conv.Bias, conv.InChannels, conv.OutChannels,
            [conv.KernelSize], [conv.Stride], [conv.Padding], [conv.Dilation], conv.Groups),
        Conv2d conv => ExportConv(g, path, x, "Conv2d", conv.Weight, conv.Bias, conv.InChannels, conv.OutChannels,
            [conv.KernelSize.Item1, conv.KernelSize.Item2], [conv.Stride.Item1, conv.Stride.Item2],
            [conv.Padding.Item1, conv.Padding.Item2], [conv.Dilation.Item1, conv.Dilation.Item2], conv.Groups),
        MaxPool1d pool => ExportPool(g, path, x, "MaxPool1d", "MaxPool", 1, pool.KernelSize, pool.Stride, pool.Padding),
        MaxPool2d pool => ExportPool(g, path, x, "MaxPool2d", "MaxPool", 2, pool.KernelSize, pool.Stride, pool.Padding),
        AvgPool1d pool => ExportPool(g, path, x, "AvgPool1d", "AveragePool", 1, pool.KernelSize, pool.Stride, pool.Padding),
        AvgPool2d pool => ExportPool(g, path, x, "AvgPool2d", "AveragePool", 2, pool.KernelSize, pool.Stride, pool.Padding),
        AdaptiveAvgPool2d pool => ExportAdaptiveAvgPool2d(g, pool, path, x),
        Embedding embedding => ExportEmbedding(g, embedding, path, x),
        _ when ExportNextActivation(g, layer, path, x) is { } y => y,
        _ => throw new NotSupportedException(
            $"OnnxExporter: layer '{Display(path)}' is a {layer.GetType().Name}, which the ONNX exporter does not support. Supported layers: {SupportedLayers}."),
    };

    private static GraphValue ExportSequential(GraphBuilder g, Sequential sequential, string path, GraphValue x)
    {
        for (int i = 0; i < sequential.Layers.Count; i++)
            x = Export(g, sequential.Layers[i], Child(path, i), x);
        return x;
    }

    /// <summary>A shape-preserving node with one input, e.g. Relu.</summary>
    private static GraphValue Unary(GraphBuilder g, string opType, string path, GraphValue x, params OnnxAttribute[] attributes) =>
        new(g.Node(opType, NodeName(path, opType), [x.Name], attributes), x.SampleShape);

    /// <summary>
    /// LeakyRelu carries its slope as a float attribute, which is single precision in ONNX. When the slope is not
    /// a float (0.01 is not) and the graph is float64, the layer is written as <c>Where(x &gt; 0, x, slope · x)</c>
    /// instead, with the slope as a double constant, so that the graph computes exactly what AutoNet computes.
    /// </summary>
    private static GraphValue ExportLeakyRelu(GraphBuilder g, LeakyReLU leaky, string path, GraphValue x)
    {
        double slope = leaky.NegativeSlope;
        if (g.DataType == OnnxDataType.Float || (double)(float)slope == slope)
            return Unary(g, "LeakyRelu", path, x, new OnnxFloatAttribute("alpha", (float)slope));
        string positive = g.Node("Greater", NodeName(path, "Greater"), [x.Name, g.Scalar(ConstantName(path, "zero"), 0.0)]);
        string scaled = g.Node("Mul", NodeName(path, "Mul"), [x.Name, g.Scalar(ConstantName(path, "negative_slope"), slope)]);
        return new(g.Node("Where", NodeName(path, "Where"), [positive, x.Name, scaled]), x.SampleShape);
    }

    /// <summary>A dim of a layer (negative counts from the end) as the axis ONNX wants, checked against the rank.</summary>
    private static long Axis(int dim, GraphValue x, string path, string layerName)
    {
        int axis = dim < 0 ? dim + x.Rank : dim;
        if (axis < 0 || axis >= x.Rank)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' ({layerName}) has dim {dim}, out of range for its input of shape {x.ShapeText} (rank {x.Rank}).");
        return axis;
    }

    /// <summary>The path of child <paramref name="index"/>: "3" at the top, "3.1" below layer 3.</summary>
    private static string Child(string path, int index) =>
        path.Length == 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{path}.{index}";

    /// <summary>A node's name (and its output value's): "0.Gemm"; "Gemm" for a model that is a single layer.</summary>
    private static string NodeName(string path, string opType) => path.Length == 0 ? opType : $"{path}.{opType}";

    /// <summary>A constant's name, as the state dict names the layer's tensors: "0.weight".</summary>
    private static string ConstantName(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>How a path is shown in an error: "(the model)" for the root.</summary>
    private static string Display(string path) => path.Length == 0 ? "(the model)" : path;
}
