using AutoNet.Nn;
using Xunit;

namespace AutoNet.Onnx.Tests;

/// <summary>What the exporter refuses, and that the messages name the layer and what was expected.</summary>
public class ExportErrorTests
{
    private sealed class Square : Module
    {
        public override Tensor Forward(Tensor input) => input * input;
    }

    [Fact]
    public void UnsupportedLayerIsNamedWithItsPath()
    {
        var model = new Sequential(new Linear(2, 3), new Sequential(new ReLU(), new Square()));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(model, [2]));
        Assert.Contains("layer '1.1' is a Square", error.Message);
        Assert.Contains("Supported layers: Sequential, Linear", error.Message);
    }

    [Fact]
    public void BatchNormWithoutRunningStatisticsIsRefused()
    {
        var model = new Sequential(new BatchNorm1d(3, trackRunningStats: false));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(model, [3]));
        Assert.Contains("layer '0' is a BatchNorm1d with trackRunningStats: false", error.Message);
    }

    [Theory]
    [InlineData(3, "layer '0' (Linear) expects inputs of shape [N, 2], but gets shape [N, 3]")]
    public void LinearWithTheWrongInputSize(int features, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(new Linear(2, 4)), [features]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void LinearOnAThreeDimensionalInputIsRefusedAsAutoNetRefusesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(new Linear(4, 2)), [3, 4]));
        Assert.Contains("expects inputs of shape [N, 4], but gets shape [N, 3, 4]", error.Message);
    }

    [Fact]
    public void SoftmaxDimOutOfRange()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(new Softmax(2)), [4]));
        Assert.Contains("layer '0' (Softmax) has dim 2, out of range for its input of shape [N, 4] (rank 2)", error.Message);
    }

    [Fact]
    public void FlattenOfTheBatchDimensionIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(new Flatten(0)), [2, 3]));
        Assert.Contains("would merge the batch dimension", error.Message);
    }

    [Fact]
    public void LayerNormOverTheWrongDimensions()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(new LayerNorm(5)), [4]));
        Assert.Contains("layer '0' (LayerNorm) normalises over trailing dimensions [5]", error.Message);
    }

    [Fact]
    public void BatchNormWithTheWrongChannelCount()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(new BatchNorm1d(3)), [4]));
        Assert.Contains("expects inputs of shape [N, 3] or [N, 3, L], but gets shape [N, 4]", error.Message);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(23)]
    public void OpsetOutsideTheTestedRange(int opset)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.ToBytes(new Sequential(), [1], opset: opset));
        Assert.Contains($"opset must be between 17 and 22", error.Message);
    }

    [Fact]
    public void EmptyOrNonPositiveSampleShape()
    {
        Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(), []));
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(new Sequential(), [2, 0]));
        Assert.Contains("got [2, 0]", error.Message);
    }

    [Fact]
    public void UnknownDType()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.ToBytes(new Sequential(), [1], (DType)7));
    }
}
