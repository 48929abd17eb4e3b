using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>√(2/π), PyTorch's kBeta; the same expression as AutoNet's GELU.</summary>
    private const double GeluBeta = 1.41421356237309504880 * 1.12837916709551257390 * 0.5;

    /// <summary>
    /// GELU. Opset 20 added the <c>Gelu</c> operator (attribute <c>approximate</c> = "none" or "tanh"), which a
    /// float32 graph uses from opset 20 on. ONNX defines Gelu by a function whose constants (√(2/π), 0.044715) are
    /// float32, so a float64 graph, and any graph before opset 20, gets the formula written out with the
    /// operations AutoNet itself uses (see <see cref="Tensor.Gelu"/>) and constants of the graph's precision:
    /// <list type="bullet">
    /// <item>"none": x · 0.5 · (1 + erf(x · 1/√2));</item>
    /// <item>"tanh": x · σ(2β · (x + 0.044715 · x·x·x)), β = √(2/π), which equals x/2 · (1 + tanh(β · (x + 0.044715 x³))).</item>
    /// </list>
    /// </summary>
    private static GraphValue ExportGelu(GraphBuilder g, GELU gelu, string path, GraphValue x)
    {
        if (g.Opset >= 20 && g.DataType == OnnxDataType.Float)
            return Unary(g, "Gelu", path, x, new OnnxStringAttribute("approximate", gelu.Approximate));

        string Op(string opType, string suffix, params string[] inputs) => g.Node(opType, NodeName(path, opType + suffix), inputs);
        string Scalar(string name, double value) => g.Scalar(ConstantName(path, name), value);

        if (gelu.Approximate == "none")
        {
            string half = Op("Mul", "_half", x.Name, Scalar("half", 0.5));                 // x · 0.5
            string scaled = Op("Mul", "_sqrt1_2", x.Name, Scalar("sqrt1_2", 0.70710678118654752440));
            string erf = Op("Erf", "", scaled);                                             // erf(x/√2)
            string onePlus = Op("Add", "", Scalar("one", 1.0), erf);                        // 1 + erf(x/√2)
            return new(Op("Mul", "", half, onePlus), x.SampleShape);
        }

        string square = Op("Mul", "_square", x.Name, x.Name);                               // x·x
        string cube = Op("Mul", "_cube", square, x.Name);                                   // x·x·x
        string kappaCube = Op("Mul", "_kappa", Scalar("kappa", 0.044715), cube);            // 0.044715 · x³
        string inner = Op("Add", "", x.Name, kappaCube);                                    // x + 0.044715 · x³
        string twoU = Op("Mul", "_two_beta", Scalar("two_beta", 2 * GeluBeta), inner);     // 2u
        string sigmoid = Op("Sigmoid", "", twoU);                                           // σ(2u)
        return new(Op("Mul", "", x.Name, sigmoid), x.SampleShape);
    }
}
