using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>
    /// Linear: y = x · Wᵀ + b, W of shape [out, in], on a 2-D input [N, in] (as AutoNet's Linear, whose matmul takes
    /// 2-D operands): one <c>Gemm(x, W, b; transB = 1)</c>, as torch.onnx writes it.
    /// </summary>
    private static GraphValue ExportLinear(GraphBuilder g, Linear linear, string path, GraphValue x)
    {
        if (x.Rank != 2 || x.SampleShape[0] != linear.InFeatures)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' (Linear) expects inputs of shape [N, {linear.InFeatures}], but gets shape {x.ShapeText}.");
        string weight = g.Constant(ConstantName(path, "weight"), [linear.OutFeatures, linear.InFeatures], linear.Weight.ToArray());
        string[] inputs = linear.Bias is null
            ? [x.Name, weight]
            : [x.Name, weight, g.Constant(ConstantName(path, "bias"), [linear.OutFeatures], linear.Bias.ToArray())];
        return new(g.Node("Gemm", NodeName(path, "Gemm"), inputs, new OnnxIntAttribute("transB", 1)), [linear.OutFeatures]);
    }
}
