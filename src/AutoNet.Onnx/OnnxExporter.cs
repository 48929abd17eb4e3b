using Module = AutoNet.Nn.Module;
using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

/// <summary>
/// Writes a trained AutoNet model as an ONNX file that ONNX Runtime (or any ONNX consumer) can run.
/// PyTorch: <c>torch.onnx.export(model, example_input, path, opset_version=..., dynamic_axes={"input": {0: "N"}, ...})</c>.
/// <para>
/// The model is a <see cref="Sequential"/> (nested ones too) of <c>Linear</c>, <c>ReLU</c>, <c>Sigmoid</c>,
/// <c>Tanh</c>, <c>LeakyReLU</c>, <c>GELU</c>, <c>Softmax</c>, <c>LogSoftmax</c>, <c>Flatten</c>, <c>Identity</c>,
/// <c>Dropout</c>, <c>BatchNorm1d</c> and <c>BatchNorm2d</c> (with running statistics), <c>LayerNorm</c>, <c>ELU</c>, <c>SELU</c>, <c>SiLU</c>,
/// <c>Mish</c>, <c>ReLU6</c>, <c>Hardtanh</c>, <c>LogSigmoid</c>, <c>Softsign</c>, <c>Conv1d</c>, <c>Conv2d</c>,
/// <c>MaxPool1d/2d</c>, <c>AvgPool1d/2d</c>, <c>AdaptiveAvgPool2d</c> and <c>Embedding</c> (as the first layer,
/// which makes the graph's input Int64 indices); any other layer is refused
/// with a <see cref="NotSupportedException"/> naming it. What is exported is the model's eval-mode (inference)
/// behaviour, whatever its <see cref="Module.Training"/> flag, as torch.onnx.export does by default: Dropout is
/// the identity, BatchNorm1d/2d use their running statistics. The model itself is not changed.
/// </para>
/// <para>
/// The graph has one input named "input" of shape [N, sampleShape...] (float, or Int64 indices when the model
/// starts with an Embedding) and one output named "output"; the batch
/// size N is symbolic, so any batch size runs. Parameters are stored as initializers named as in the model's
/// state dict ("0.weight", "0.bias", ...), converted to the chosen element type.
/// </para>
/// </summary>
public static class OnnxExporter
{
    /// <summary>The operator set version used unless another is asked for: 17, the first with LayerNormalization.</summary>
    public const int DefaultOpset = 17;

    /// <summary>The oldest operator set version the exporter writes (LayerNormalization is opset 17).</summary>
    public const int MinOpset = 17;

    /// <summary>The newest operator set version the exporter writes (and the tests run through ONNX Runtime).</summary>
    public const int MaxOpset = 22;

    /// <summary>
    /// Exports <paramref name="model"/>, which takes inputs of shape [N, <paramref name="inputFeatures"/>], to the
    /// ONNX file <paramref name="path"/>. The file is written whole to a temporary file beside it, then renamed,
    /// so a reader never sees half a file.
    /// </summary>
    /// <param name="model">The model: a Sequential of supported layers, or one supported layer.</param>
    /// <param name="path">The file to write (overwritten if it exists); by convention it ends in ".onnx".</param>
    /// <param name="inputFeatures">The number of features of one input row.</param>
    /// <param name="dtype">The element type of the graph's input, output and parameters: float32 (what most
    /// ONNX consumers expect) or float64.</param>
    /// <param name="opset">The ai.onnx operator set version, <see cref="MinOpset"/> to <see cref="MaxOpset"/>.</param>
    /// <exception cref="NotSupportedException">The model holds a layer the exporter does not support.</exception>
    /// <exception cref="ArgumentException">A layer cannot take the input shape, or an argument is out of range.</exception>
    public static void Export(Module model, string path, int inputFeatures, DType dtype = DType.Float32, int opset = DefaultOpset) =>
        Export(model, path, [inputFeatures], dtype, opset);

    /// <summary>
    /// Exports <paramref name="model"/>, which takes inputs of shape [N, <paramref name="sampleShape"/>...] (for
    /// example [N, 3, 8] with sampleShape [3, 8]), to the ONNX file <paramref name="path"/>, atomically.
    /// </summary>
    /// <param name="model">The model: a Sequential of supported layers, or one supported layer.</param>
    /// <param name="path">The file to write (overwritten if it exists).</param>
    /// <param name="sampleShape">The shape of one sample, without the batch dimension; each size &gt;= 1.</param>
    /// <param name="dtype">The element type of the graph: float32 or float64.</param>
    /// <param name="opset">The ai.onnx operator set version, <see cref="MinOpset"/> to <see cref="MaxOpset"/>.</param>
    /// <exception cref="NotSupportedException">The model holds a layer the exporter does not support.</exception>
    /// <exception cref="ArgumentException">A layer cannot take the input shape, or an argument is out of range.</exception>
    public static void Export(Module model, string path, int[] sampleShape, DType dtype = DType.Float32, int opset = DefaultOpset)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(model, sampleShape, dtype, opset); // fails before touching the file system
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true); // rename(2): readers see the old file or the new one
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// The bytes of the ONNX file <see cref="Export(Module, string, int[], DType, int)"/> would write: a serialized
    /// <c>onnx.ModelProto</c>, for example to hand to <c>new InferenceSession(bytes)</c> without a file.
    /// </summary>
    /// <param name="model">The model: a Sequential of supported layers, or one supported layer.</param>
    /// <param name="sampleShape">The shape of one sample, without the batch dimension; each size &gt;= 1.</param>
    /// <param name="dtype">The element type of the graph: float32 or float64.</param>
    /// <param name="opset">The ai.onnx operator set version, <see cref="MinOpset"/> to <see cref="MaxOpset"/>.</param>
    /// <exception cref="NotSupportedException">The model holds a layer the exporter does not support.</exception>
    /// <exception cref="ArgumentException">A layer cannot take the input shape, or an argument is out of range.</exception>
    public static byte[] ToBytes(Module model, int[] sampleShape, DType dtype = DType.Float32, int opset = DefaultOpset)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Length == 0 || sampleShape.Any(d => d < 1))
            throw new ArgumentException(
                $"OnnxExporter: sampleShape must list one or more sizes >= 1 (the shape of one input without the batch dimension), got [{string.Join(", ", sampleShape)}].",
                nameof(sampleShape));
        var dataType = dtype switch
        {
            DType.Float32 => OnnxDataType.Float,
            DType.Float64 => OnnxDataType.Double,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "OnnxExporter: dtype must be Float32 or Float64."),
        };
        if (opset < MinOpset || opset > MaxOpset)
            throw new ArgumentOutOfRangeException(nameof(opset), opset,
                $"OnnxExporter: opset must be between {MinOpset} and {MaxOpset} (the versions this exporter writes and is tested with), got {opset}.");

        var builder = new GraphBuilder(dataType, opset);
        var input = new GraphValue(LayerExport.GraphInput, (int[])sampleShape.Clone());
        GraphValue result;
        using (Autograd.NoGrad())
            result = LayerExport.Export(builder, model, "", input);
        var graph = builder.Build("AutoNet", input, result, "output");
        var onnx = new OnnxModel(IrVersion(opset), opset, "AutoNet", ProducerVersion, model.ToString(), graph);
        return OnnxEncoder.Encode(onnx);
    }

    /// <summary>
    /// The IR (file format) version that goes with an opset, from the ONNX release that introduced the opset:
    /// 17-18 → 8 (ONNX 1.12, 1.13), 19-20 → 9 (1.14, 1.15), 21-22 → 10 (1.16, 1.17).
    /// </summary>
    private static long IrVersion(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    /// <summary>The AutoNet assembly's version, e.g. "1.0.0.0".</summary>
    private static string ProducerVersion => typeof(Tensor).Assembly.GetName().Version?.ToString() ?? "0";
}
