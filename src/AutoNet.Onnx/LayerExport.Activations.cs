using AutoNet.Nn;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>
    /// The activations added for the next networks, written out with basic operators whose constants have the graph's
    /// precision (ONNX's Elu, Selu, Mish, Softplus and Softsign take float32 attributes or lack double kernels in ONNX
    /// Runtime), each in the form AutoNet computes:
    /// <list type="bullet">
    /// <item>ELU, SELU: Where(x &gt; 0, λ·x, λα·(Exp(Min(x, 0)) - 1)) (λ = 1 for ELU; ONNX has no expm1, so near 0
    /// the graph is off by an ulp of 1 absolute);</item>
    /// <item>SiLU: x / (1 + Exp(-x)) (x·Sigmoid(x) is 1.4e-6 off in float32: ONNX Runtime's Sigmoid is
    /// approximate);</item>
    /// <item>Mish: x·Tanh(softplus(x)) with softplus(x) = Relu(x) + Log(1 + Exp(-|x|));</item>
    /// <item>ReLU6, Hardtanh: Clip(x, min, max);</item>
    /// <item>LogSigmoid: Min(x, 0) - Log(1 + Exp(-|x|)); Softsign: x / (|x| + 1).</item>
    /// </list>
    /// </summary>
    private static GraphValue? ExportNextActivation(GraphBuilder g, Module layer, string path, GraphValue x)
    {
        string Op(string opType, string suffix, params string[] inputs) => g.Node(opType, NodeName(path, opType + suffix), inputs);
        string Scalar(string name, double value) => g.Scalar(ConstantName(path, name), value);
        GraphValue Result(string name) => new(name, x.SampleShape);

        string Log1pExpMinusAbs() =>                                                                  // log(1 + e^-|x|)
            Op("Log", "", Op("Add", "_one", Scalar("one", 1.0), Op("Exp", "", Op("Neg", "", Op("Abs", "", x.Name)))));

        string Elu(double alpha, double scale)
        {
            string positive = Op("Greater", "", x.Name, Scalar("zero", 0.0));
            string expm1 = Op("Sub", "", Op("Exp", "", Op("Min", "", x.Name, Scalar("zero_min", 0.0))), Scalar("one", 1.0));
            string negative = Op("Mul", "_alpha", Scalar("scale_alpha", scale * alpha), expm1);
            string linear = scale == 1 ? x.Name : Op("Mul", "_scale", x.Name, Scalar("scale", scale));
            return Op("Where", "", positive, linear, negative);
        }

        return layer switch
        {
            ELU elu => Result(Elu(elu.Alpha, 1)),
            SELU => Result(Elu(SELU.Alpha, SELU.Scale)),
            SiLU => Result(Op("Div", "", x.Name, Op("Add", "", Scalar("one", 1.0), Op("Exp", "", Op("Neg", "", x.Name))))),
            Mish => Result(Op("Mul", "", x.Name, Op("Tanh", "", Op("Add", "_softplus", Op("Relu", "", x.Name), Log1pExpMinusAbs())))),
            ReLU6 => Result(Op("Clip", "", x.Name, Scalar("min", 0), Scalar("max", 6))),
            Hardtanh h => Result(Op("Clip", "", x.Name, Scalar("min", h.MinVal), Scalar("max", h.MaxVal))),
            LogSigmoid => Result(Op("Sub", "", Op("Min", "", x.Name, Scalar("zero", 0.0)), Log1pExpMinusAbs())),
            Softsign => Result(Op("Div", "", x.Name, Op("Add", "", Op("Abs", "", x.Name), Scalar("one", 1.0)))),
            _ => null,
        };
    }
}
