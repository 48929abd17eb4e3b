using System.Buffers.Binary;

namespace AutoNet.Onnx.Protobuf;

// The part of the ONNX model format (onnx/onnx.proto) that the exporter fills in, as plain records. OnnxEncoder
// turns them into protobuf bytes.

/// <summary>TensorProto.DataType: the element types the exporter writes.</summary>
internal enum OnnxDataType
{
    /// <summary>FLOAT = 1: IEEE 754 single precision.</summary>
    Float = 1,

    /// <summary>INT64 = 7: for Reshape's shape input.</summary>
    Int64 = 7,

    /// <summary>DOUBLE = 11: IEEE 754 double precision.</summary>
    Double = 11,
}

/// <summary>A node attribute (AttributeProto): a name and one value.</summary>
internal abstract record OnnxAttribute(string Name);

/// <summary>An INT attribute, e.g. Softmax's <c>axis</c>.</summary>
internal sealed record OnnxIntAttribute(string Name, long Value) : OnnxAttribute(Name);

/// <summary>A FLOAT attribute, e.g. LeakyRelu's <c>alpha</c>. ONNX float attributes are single precision.</summary>
internal sealed record OnnxFloatAttribute(string Name, float Value) : OnnxAttribute(Name);

/// <summary>A STRING attribute, e.g. Gelu's <c>approximate</c>.</summary>
internal sealed record OnnxStringAttribute(string Name, string Value) : OnnxAttribute(Name);

/// <summary>A list of integers (kernel_shape, strides, pads, ...).</summary>
internal sealed record OnnxIntsAttribute(string Name, long[] Values) : OnnxAttribute(Name);

/// <summary>One operator call (NodeProto): <c>outputs = opType(inputs; attributes)</c>.</summary>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A constant tensor (TensorProto) stored as raw little-endian bytes, e.g. a Linear weight.</summary>
internal sealed record OnnxTensor(string Name, OnnxDataType DataType, IReadOnlyList<long> Dims, byte[] RawData)
{
    /// <summary>A float or double tensor holding <paramref name="values"/> (row-major) converted to <paramref name="dataType"/>.</summary>
    public static OnnxTensor FromValues(string name, OnnxDataType dataType, IReadOnlyList<long> dims, double[] values)
    {
        byte[] raw;
        switch (dataType)
        {
            case OnnxDataType.Float:
                raw = new byte[values.Length * sizeof(float)];
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), (float)values[i]);
                break;
            case OnnxDataType.Double:
                raw = new byte[values.Length * sizeof(double)];
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(i * sizeof(double)), values[i]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "OnnxTensor.FromValues: expected Float or Double.");
        }
        return new OnnxTensor(name, dataType, dims, raw);
    }

    /// <summary>A 1-D int64 tensor, e.g. the target shape of a Reshape.</summary>
    public static OnnxTensor FromInt64(string name, long[] values)
    {
        var raw = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        return new OnnxTensor(name, OnnxDataType.Int64, [values.Length], raw);
    }
}

/// <summary>One dimension of a value's shape (TensorShapeProto.Dimension): a number, or a name such as "N" for the batch.</summary>
internal readonly record struct OnnxDim(long Value, string? Param)
{
    /// <summary>A fixed size.</summary>
    public static OnnxDim Fixed(long value) => new(value, null);

    /// <summary>A symbolic size, the same wherever the same name appears.</summary>
    public static OnnxDim Symbolic(string name) => new(0, name);
}

/// <summary>A graph input or output (ValueInfoProto): name, element type and shape.</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType ElemType, IReadOnlyList<OnnxDim> Shape);

/// <summary>The computation (GraphProto): nodes in topological order, constants, inputs and outputs.</summary>
internal sealed record OnnxGraph(string Name, IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs, IReadOnlyList<OnnxValueInfo> Outputs);

/// <summary>The file (ModelProto): format version, the operator set version, who wrote it, and the graph.</summary>
internal sealed record OnnxModel(long IrVersion, long OpsetVersion, string ProducerName, string ProducerVersion, string DocString, OnnxGraph Graph);
