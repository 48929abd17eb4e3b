using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

/// <summary>
/// A value flowing through the graph being built: its name and its shape without the batch dimension (the batch
/// is dimension 0 of every value, of symbolic size "N"), so the full rank is <c>SampleShape.Length + 1</c>.
/// </summary>
internal readonly record struct GraphValue(string Name, int[] SampleShape)
{
    /// <summary>Rank of the value with its batch dimension.</summary>
    public int Rank => SampleShape.Length + 1;

    /// <summary>The shape as the error messages print it, e.g. <c>[N, 4]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", SampleShape.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend("N"))}]";
}

/// <summary>
/// Collects the nodes and constants of one ONNX graph in the order they are added (which is a topological order,
/// since a layer's nodes only read values made before them). Value names follow the model's state-dict names:
/// a layer at path "0" makes constants "0.weight", "0.bias" and nodes (and their output values) "0.Gemm".
/// </summary>
internal sealed class GraphBuilder(OnnxDataType dataType, int opset)
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly HashSet<string> _names = [];

    /// <summary>The element type of every float value in the graph.</summary>
    public OnnxDataType DataType { get; } = dataType;

    /// <summary>The element type of the graph's input: <see cref="DataType"/>, or Int64 once a first-layer
    /// Embedding has claimed the input as indices (<see cref="ClaimInputAsIndices"/>).</summary>
    public OnnxDataType InputDataType { get; private set; } = dataType;

    /// <summary>Makes the graph's input an Int64 tensor of indices, for an Embedding that reads it directly.</summary>
    public void ClaimInputAsIndices() => InputDataType = OnnxDataType.Int64;

    /// <summary>The ai.onnx operator set version the graph is written for.</summary>
    public int Opset { get; } = opset;

    /// <summary>Adds a float constant (an initializer) of the graph's element type and returns its name.</summary>
    public string Constant(string name, long[] dims, double[] values)
    {
        Claim(name);
        _initializers.Add(OnnxTensor.FromValues(name, DataType, dims, values));
        return name;
    }

    /// <summary>Adds a scalar float constant, e.g. the 0.5 of GELU.</summary>
    public string Scalar(string name, double value) => Constant(name, [], [value]);

    /// <summary>Adds a 1-D int64 constant, e.g. the target shape of a Reshape, and returns its name.</summary>
    public string Int64Constant(string name, long[] values)
    {
        Claim(name);
        _initializers.Add(OnnxTensor.FromInt64(name, values));
        return name;
    }

    /// <summary>Adds the node <c>name = opType(inputs; attributes)</c>; its single output value has the node's name.</summary>
    public string Node(string opType, string name, string[] inputs, params OnnxAttribute[] attributes)
    {
        Claim(name);
        _nodes.Add(new OnnxNode(opType, name, inputs, [name], attributes));
        return name;
    }

    /// <summary>
    /// The finished graph, reading <paramref name="input"/> and returning <paramref name="result"/> under the name
    /// <paramref name="outputName"/>: the node that made the result is renamed, or an Identity node is added when
    /// the result is the input itself (an empty model).
    /// </summary>
    public OnnxGraph Build(string graphName, GraphValue input, GraphValue result, string outputName)
    {
        int last = _nodes.FindLastIndex(n => n.Outputs[0] == result.Name);
        if (last >= 0 && result.Name != input.Name)
            _nodes[last] = _nodes[last] with { Outputs = [outputName] };
        else
            Node("Identity", outputName, [result.Name]);
        return new OnnxGraph(graphName, _nodes, _initializers, [ValueInfo(input.Name, InputDataType, input.SampleShape)], [ValueInfo(outputName, DataType, result.SampleShape)]);
    }

    private static OnnxValueInfo ValueInfo(string name, OnnxDataType type, int[] sampleShape) =>
        new(name, type, [OnnxDim.Symbolic("N"), .. sampleShape.Select(d => OnnxDim.Fixed(d))]);

    private void Claim(string name)
    {
        if (!_names.Add(name))
            throw new InvalidOperationException($"OnnxExporter: the graph already has a value named '{name}' (an exporter bug: names come from layer paths).");
    }
}
