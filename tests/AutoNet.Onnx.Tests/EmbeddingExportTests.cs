using AutoNet.Data;
using AutoNet.Nn;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Onnx.Tests;

/// <summary>Embedding exported as Gather: the graph takes Int64 indices, ONNX Runtime gives AutoNet's outputs.</summary>
public class EmbeddingExportTests(ITestOutputHelper output)
{
    private static Sequential NamesLikeModel(DType dtype) => new(
        new Embedding(27, 10, dtype: dtype, generator: new NumPyRandomState(1)), new Flatten(),
        new Linear(30, 16, dtype: dtype, generator: new NumPyRandomState(2)), new Tanh(),
        new Linear(16, 27, dtype: dtype, generator: new NumPyRandomState(3)));

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void A_character_model_starting_with_an_embedding_runs_in_OnnxRuntime_on_Int64_indices(DType dtype)
    {
        var model = NamesLikeModel(dtype);
        var indices = new NumPyRandomState(4).RandInt(0, 27, 50, 3);
        byte[] bytes = OnnxExporter.ToBytes(model, [3], dtype);

        var (values, shape) = OrtRunner.Run(bytes, indices, dtype);

        Assert.Equal([50L, 27], shape);
        double[] expected = model.Forward(indices).ToArray();
        double worst = expected.Zip(values, (e, a) => Math.Abs(e - a) / Math.Max(1, Math.Abs(e))).Max();
        output.WriteLine($"{dtype}: max relative difference ORT vs AutoNet {worst:G2}");
        Assert.InRange(worst, 0, dtype == DType.Float32 ? 1e-6 : 1e-13);
    }

    [Fact]
    public void An_embedding_after_another_layer_is_refused_naming_it()
    {
        var model = new Sequential(new Identity(), new Embedding(5, 2));
        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(model, [3]));
        Assert.Contains("layer '1' (Embedding)", e.Message);
        Assert.Contains("must be the model's first layer", e.Message);
    }
}
