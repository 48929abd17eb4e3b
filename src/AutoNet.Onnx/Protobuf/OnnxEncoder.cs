namespace AutoNet.Onnx.Protobuf;

/// <summary>
/// Writes an <see cref="OnnxModel"/> as the bytes of a <c>.onnx</c> file: a serialized <c>onnx.ModelProto</c>.
/// Every field number below is the one declared in onnx/onnx.proto (quoted in the comments); fields we do not
/// need are left out, which protobuf reads as "not set".
/// </summary>
internal static class OnnxEncoder
{
    /// <summary>The serialized ModelProto.</summary>
    public static byte[] Encode(OnnxModel model)
    {
        var w = new ProtoWriter();
        w.Int64(1, model.IrVersion);                      // ModelProto: optional int64 ir_version = 1;
        w.String(2, model.ProducerName);                  //             optional string producer_name = 2;
        w.String(3, model.ProducerVersion);               //             optional string producer_version = 3;
        w.String(6, model.DocString);                     //             optional string doc_string = 6;
        w.Message(7, g => Graph(g, model.Graph));         //             optional GraphProto graph = 7;
        w.Message(8, o =>                                 //             repeated OperatorSetIdProto opset_import = 8;
        {
            o.String(1, "");                              // OperatorSetIdProto: optional string domain = 1; ("" is ai.onnx)
            o.Int64(2, model.OpsetVersion);               //                     optional int64 version = 2;
        });
        return w.ToArray();
    }

    private static void Graph(ProtoWriter w, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes) w.Message(1, n => Node(n, node));                // GraphProto: repeated NodeProto node = 1;
        w.String(2, graph.Name);                                                          //             optional string name = 2;
        foreach (var tensor in graph.Initializers) w.Message(5, t => Tensor(t, tensor));  //             repeated TensorProto initializer = 5;
        foreach (var input in graph.Inputs) w.Message(11, v => ValueInfo(v, input));       //             repeated ValueInfoProto input = 11;
        foreach (var output in graph.Outputs) w.Message(12, v => ValueInfo(v, output));    //             repeated ValueInfoProto output = 12;
    }

    private static void Node(ProtoWriter w, OnnxNode node)
    {
        foreach (var input in node.Inputs) w.String(1, input);                             // NodeProto: repeated string input = 1;
        foreach (var output in node.Outputs) w.String(2, output);                          //            repeated string output = 2;
        w.String(3, node.Name);                                                           //            optional string name = 3;
        w.String(4, node.OpType);                                                         //            optional string op_type = 4;
        foreach (var attribute in node.Attributes) w.Message(5, a => Attribute(a, attribute)); //        repeated AttributeProto attribute = 5;
    }

    private static void Attribute(ProtoWriter w, OnnxAttribute attribute)
    {
        w.String(1, attribute.Name);                      // AttributeProto: optional string name = 1;
        switch (attribute)
        {
            case OnnxFloatAttribute f:
                w.Float(2, f.Value);                      //                 optional float f = 2;
                w.Int64(20, 1);                           //                 optional AttributeType type = 20; (FLOAT = 1)
                break;
            case OnnxIntAttribute i:
                w.Int64(3, i.Value);                      //                 optional int64 i = 3;
                w.Int64(20, 2);                           //                 (INT = 2)
                break;
            case OnnxIntsAttribute ints:
                foreach (long v in ints.Values) w.Int64(8, v); //               repeated int64 ints = 8;
                w.Int64(20, 7);                           //                 (INTS = 7)
                break;
            case OnnxStringAttribute s:
                w.String(4, s.Value);                     //                 optional bytes s = 4; (UTF-8)
                w.Int64(20, 3);                           //                 (STRING = 3)
                break;
            default:
                throw new ArgumentException($"OnnxEncoder: unknown attribute kind {attribute.GetType().Name}.", nameof(attribute));
        }
    }

    private static void Tensor(ProtoWriter w, OnnxTensor tensor)
    {
        foreach (long d in tensor.Dims) w.Int64(1, d);    // TensorProto: repeated int64 dims = 1;
        w.Int64(2, (long)tensor.DataType);                //              optional int32 data_type = 2;
        w.String(8, tensor.Name);                         //              optional string name = 8;
        w.Bytes(9, tensor.RawData);                       //              optional bytes raw_data = 9; (fixed width, little-endian)
    }

    private static void ValueInfo(ProtoWriter w, OnnxValueInfo value)
    {
        w.String(1, value.Name);                          // ValueInfoProto: optional string name = 1;
        w.Message(2, type =>                              //                 optional TypeProto type = 2;
            type.Message(1, tensorType =>                 // TypeProto: Tensor tensor_type = 1; (in oneof value)
            {
                tensorType.Int64(1, (long)value.ElemType); // TypeProto.Tensor: optional int32 elem_type = 1;
                tensorType.Message(2, shape =>             //                   optional TensorShapeProto shape = 2;
                {
                    foreach (var dim in value.Shape)
                        shape.Message(1, d =>              // TensorShapeProto: repeated Dimension dim = 1;
                        {
                            if (dim.Param is null) d.Int64(1, dim.Value); // Dimension: int64 dim_value = 1;  (oneof value)
                            else d.String(2, dim.Param);                  //            string dim_param = 2; (oneof value)
                        });
                });
            }));
    }
}
