using AutoNet.Data;
using AutoNet.Nn;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace AutoNet.Onnx.Tests;

/// <summary>What the exported file holds: versions, node list, initializer names, the symbolic batch dimension.</summary>
public class ExportedGraphTests
{
    [Fact]
    public void MoonsGraphIsGemmReluGemmSigmoidWithStateDictNames()
    {
        var model = TestModels.MoonsArchitecture(DType.Float64);
        var file = new ProtoReader(OnnxExporter.ToBytes(model, [2]));

        Assert.Equal(8, file.Number(1));                                 // ir_version for opset 17
        Assert.Equal("AutoNet", file.String(2));                         // producer_name
        Assert.Equal(17, file.Message(8).Number(2));                     // opset_import.version
        var graph = file.Message(7);
        var nodes = graph.Messages(1).ToList();
        Assert.Equal(["Gemm", "Relu", "Gemm", "Sigmoid"], nodes.Select(n => n.String(4)));
        Assert.Equal(["0.Gemm", "1.Relu", "2.Gemm", "3.Sigmoid"], nodes.Select(n => n.String(3)));
        Assert.Equal(["input", "0.weight", "0.bias"], nodes[0].Strings(1));
        Assert.Equal(["output"], nodes[3].Strings(2));
        Assert.Equal(model.StateDict().Keys, graph.Messages(5).Select(t => t.String(8)));   // initializer names
        Assert.All(graph.Messages(5), t => Assert.Equal(1, t.Number(2)));                   // data_type FLOAT
        Assert.Equal([4L, 2L], graph.Messages(5).First().Numbers(1));                       // 0.weight dims [out, in]
    }

    [Fact]
    public void BatchDimensionIsSymbolicAndAnyBatchSizeRuns()
    {
        var model = TestModels.TrainedMoons();
        var bytes = OnnxExporter.ToBytes(model, [2]);
        using (var session = new InferenceSession(bytes))
        {
            var input = session.InputMetadata["input"];
            Assert.Equal([-1, 2], input.Dimensions);
            Assert.Equal("N", input.SymbolicDimensions[0]);
            Assert.Equal([-1, 1], session.OutputMetadata["output"].Dimensions);
        }
        foreach (int batch in new[] { 1, 33 })
        {
            var inputs = new NumPyRandomState((uint)batch).Randn(batch, 2);
            var (values, shape) = OrtRunner.Run(bytes, inputs, DType.Float32);
            Assert.Equal([batch, 1L], shape);
            Assert.Equal(batch, values.Length);
        }
    }

    [Fact]
    public void EmptySequentialIsTheIdentity()
    {
        var inputs = new NumPyRandomState(1).Randn(3, 5);
        var (values, shape) = OrtRunner.Run(OnnxExporter.ToBytes(new Sequential(), [5], DType.Float64), inputs, DType.Float64);
        Assert.Equal([3L, 5L], shape);
        Assert.Equal(inputs.ToArray(), values);
    }

    [Fact]
    public void ExportIgnoresTheTrainingFlagAndLeavesItAlone()
    {
        var model = TestModels.Randomized(TestModels.EveryLayer(DType.Float64, logSoftmax: false), [3, 4], seed: 4);
        model.Train();
        var trainingBytes = OnnxExporter.ToBytes(model, [3, 4]);
        Assert.True(model.Training);
        Assert.True(model[1].Training);
        model.Eval();
        Assert.Equal(OnnxExporter.ToBytes(model, [3, 4]), trainingBytes);
    }

    [Fact]
    public void Float64ExactGeluNeedsADoubleErfThatOnnxRuntimeLacks()
    {
        // The float64 graph is valid ONNX (Erf is defined for double), but ONNX Runtime 1.31's CPU provider
        // registers Erf for float only, so it refuses the model. float32 graphs with exact GELU run (see
        // ExportRunsInOnnxRuntimeTests), and so do float64 graphs with the tanh GELU.
        var bytes = OnnxExporter.ToBytes(new Sequential(new GELU()), [3], DType.Float64);
        var error = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(bytes).Dispose());
        Assert.Contains("Erf", error.Message);
    }
}
