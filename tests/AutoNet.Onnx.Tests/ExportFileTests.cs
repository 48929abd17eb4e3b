using AutoNet.Nn;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace AutoNet.Onnx.Tests;

/// <summary>Export writes the file whole (temporary file, then rename) and leaves nothing else behind.</summary>
public sealed class ExportFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autonet-onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WritesTheBytesOfToBytesAndNothingElse()
    {
        var model = TestModels.MoonsArchitecture(DType.Float64);
        string path = Path.Combine(_directory, "moons.onnx");
        OnnxExporter.Export(model, path, inputFeatures: 2);
        Assert.Equal(OnnxExporter.ToBytes(model, [2]), File.ReadAllBytes(path));
        Assert.Equal(["moons.onnx"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        using var session = new InferenceSession(path);
        Assert.Equal(["input"], session.InputNames);
    }

    [Fact]
    public void OverwritesAnExistingFile()
    {
        string path = Path.Combine(_directory, "model.onnx");
        File.WriteAllText(path, "old");
        OnnxExporter.Export(new Sequential(new ReLU()), path, 3, DType.Float64);
        Assert.Equal(OnnxExporter.ToBytes(new Sequential(new ReLU()), [3], DType.Float64), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void AFailedExportLeavesTheOldFileAlone()
    {
        string path = Path.Combine(_directory, "model.onnx");
        File.WriteAllText(path, "old");
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(new Sequential(new Linear(2, 1)), path, 5));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_directory));
    }
}
