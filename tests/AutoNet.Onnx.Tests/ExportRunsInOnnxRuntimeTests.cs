using AutoNet.Data;
using AutoNet.Nn;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Onnx.Tests;

/// <summary>
/// Exports models, runs the files with ONNX Runtime on random inputs, and compares with AutoNet's forward pass in
/// eval mode. float32 graphs are compared with the float32 AutoNet model, float64 graphs with the float64 one.
/// </summary>
public class ExportRunsInOnnxRuntimeTests(ITestOutputHelper output)
{
    /// <summary>float32: the two runtimes round differently (summation order, erf, tanh), so a few float32 ulps.</summary>
    private const double Float32Tolerance = 1e-6;

    /// <summary>float64: a few float64 ulps, plus up to ~1e-12 from the norms' epsilon, which ONNX stores as a float32 attribute.</summary>
    private const double Float64Tolerance = 1e-11;

    public static TheoryData<int, DType, bool> Opsets()
    {
        var data = new TheoryData<int, DType, bool>();
        for (int opset = OnnxExporter.MinOpset; opset <= OnnxExporter.MaxOpset; opset++)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                foreach (bool optimize in new[] { false, true })
                    data.Add(opset, dtype, optimize);
        return data;
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void TrainedMoonsModelGivesAutoNetsOutputs(DType dtype)
    {
        var trained = TestModels.TrainedMoons();
        var model = TestModels.Converted(TestModels.MoonsArchitecture, trained, dtype);
        var inputs = new NumPyRandomState(3).Uniform(-2, 3, 256, 2);
        var differences = Compare(model, [2], inputs, dtype, OnnxExporter.DefaultOpset, optimize: true);
        Assert.InRange(differences.MaxRelative, 0, dtype == DType.Float32 ? Float32Tolerance : Float64Tolerance);
    }

    [Theory]
    [MemberData(nameof(Opsets))]
    public void EveryLayerEndingInSoftmaxGivesAutoNetsOutputs(int opset, DType dtype, bool optimize) =>
        EveryLayer(opset, dtype, optimize, logSoftmax: false);

    [Theory]
    [MemberData(nameof(Opsets))]
    public void EveryLayerEndingInLogSoftmaxGivesAutoNetsOutputs(int opset, DType dtype, bool optimize) =>
        EveryLayer(opset, dtype, optimize, logSoftmax: true);

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ReshapingModelGivesAutoNetsOutputs(DType dtype)
    {
        var source = TestModels.Randomized(TestModels.Reshaping(DType.Float64), [2, 3, 4], seed: 11);
        var model = TestModels.Converted(TestModels.Reshaping, source, dtype);
        var inputs = new NumPyRandomState(12).Randn(9, 2, 3, 4);
        var differences = Compare(model, [2, 3, 4], inputs, dtype, OnnxExporter.DefaultOpset, optimize: false);
        Assert.InRange(differences.MaxRelative, 0, dtype == DType.Float32 ? Float32Tolerance : Float64Tolerance);
    }

    public static TheoryData<string, int, DType> Activations()
    {
        var data = new TheoryData<string, int, DType>();
        foreach (var name in new[] { "ELU", "ELU 0.3", "SELU", "SiLU", "Mish", "ReLU6", "Hardtanh", "Hardtanh -2..inf", "LogSigmoid", "Softsign" })
            foreach (int opset in new[] { OnnxExporter.MinOpset, OnnxExporter.MaxOpset })
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                    data.Add(name, opset, dtype);
        return data;
    }

    /// <summary>The activations of issue 11 on wide inputs (normal · 30, so ±80 and beyond occur) and at their kinks.</summary>
    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationGivesAutoNetsOutputs(string name, int opset, DType dtype)
    {
        Module layer = name switch
        {
            "ELU" => new ELU(), "ELU 0.3" => new ELU(0.3), "SELU" => new SELU(), "SiLU" => new SiLU(), "Mish" => new Mish(),
            "ReLU6" => new ReLU6(), "Hardtanh" => new Hardtanh(), "Hardtanh -2..inf" => new Hardtanh(-2, double.PositiveInfinity),
            "LogSigmoid" => new LogSigmoid(), _ => new Softsign(),
        };
        double[] kinks = [0.0, -0.0, 6.0, 1.0, -1.0, -2.0, 1e-8, -1e-8];
        var inputs = Tensor.From([.. kinks, .. (new NumPyRandomState(31).Randn(15, 8) * 30).ToArray()], 16, 8);
        var differences = Compare(new Sequential(layer), [8], inputs, dtype, opset, optimize: true);
        Assert.InRange(differences.MaxRelative, 0, dtype == DType.Float32 ? Float32Tolerance : Float64Tolerance);
    }

    /// <summary>float32 only: ONNX Runtime's CPU provider has no float64 Conv kernel ("Could not find an
    /// implementation for Conv"), although the ONNX standard allows double; a float64 graph is valid but ORT cannot run it.</summary>
    public static TheoryData<string, int, DType> ConvolutionalCases()
    {
        var data = new TheoryData<string, int, DType>();
        foreach (var name in new[] { "2d", "1d", "global", "digits", "batchnorm2d" })
            foreach (int opset in new[] { OnnxExporter.MinOpset, OnnxExporter.MaxOpset })
                data.Add(name, opset, DType.Float32);
        return data;
    }

    [Theory]
    [MemberData(nameof(ConvolutionalCases))]
    public void ConvolutionalModelGivesAutoNetsOutputs(string name, int opset, DType dtype)
    {
        Func<DType, Sequential> architecture = name switch
        {
            "2d" => TestModels.Convolutional2d,
            "1d" => TestModels.Convolutional1d,
            "digits" => TestModels.Digits,
            "batchnorm2d" => TestModels.BatchNormalized2d,
            _ => TestModels.GlobalPooling,
        };
        int[] sample = name switch { "2d" or "digits" or "batchnorm2d" => [1, 8, 8], "1d" => [2, 9], _ => [3, 5, 7] };
        var source = TestModels.Randomized(architecture(DType.Float64), sample, seed: 31);
        var model = TestModels.Converted(architecture, source, dtype);
        var inputs = new NumPyRandomState(32).Randn([7, .. sample]);
        var differences = Compare(model, sample, inputs, dtype, opset, optimize: true);
        // float32 rounding grows with depth and weight size: measured against the float64 forward, ONNX Runtime's
        // float32 result must be as close as AutoNet's own float32 result is (within 2x, plus 1e-6).
        Tensor exact, ours;
        using (Autograd.NoGrad()) (exact, ours) = (source.Forward(inputs), model.Forward(inputs.To(dtype)).To(DType.Float64));
        var (ortValues, _) = OrtRunner.Run(OnnxExporter.ToBytes(model, sample, dtype, opset), inputs.To(dtype), dtype, optimize: true);
        var ortError = Differences.Between(ortValues, exact.ToArray());
        var ourError = Differences.Between(ours.ToArray(), exact.ToArray());
        output.WriteLine($"{name}: from the float64 forward, ORT float32 {ortError}; AutoNet float32 {ourError}");
        Assert.InRange(ortError.MaxRelative, 0, 2 * ourError.MaxRelative + Float32Tolerance);
    }

    /// <summary>A float64 model exported as float32 runs in float32 and stays within float32 rounding of the float64 forward.</summary>
    [Fact]
    public void Float64ModelExportedAsFloat32()
    {
        var model = TestModels.TrainedMoons();
        var inputs = new NumPyRandomState(5).Uniform(-2, 3, 64, 2);
        var bytes = OnnxExporter.ToBytes(model, [2], DType.Float32);
        var (values, _) = OrtRunner.Run(bytes, inputs, DType.Float32);
        var expected = model.Forward(inputs).ToArray();
        var differences = Differences.Between(values, expected);
        output.WriteLine($"float64 moons model exported as float32: {differences}");
        Assert.InRange(differences.MaxRelative, 0, 1e-6);
    }

    private void EveryLayer(int opset, DType dtype, bool optimize, bool logSoftmax)
    {
        Sequential Architecture(DType d) => TestModels.EveryLayer(d, logSoftmax);
        var source = TestModels.Randomized(Architecture(DType.Float64), [3, 4], seed: 21);
        var model = TestModels.Converted(Architecture, source, dtype);
        var inputs = new NumPyRandomState(22).Randn(17, 3, 4) * 2;
        var differences = Compare(model, [3, 4], inputs, dtype, opset, optimize);
        Assert.InRange(differences.MaxRelative, 0, dtype == DType.Float32 ? Float32Tolerance : Float64Tolerance);
    }

    private Differences Compare(Sequential model, int[] sampleShape, Tensor inputs, DType dtype, int opset, bool optimize)
    {
        var typedInputs = inputs.To(dtype);
        var bytes = OnnxExporter.ToBytes(model, sampleShape, dtype, opset);
        var (values, shape) = OrtRunner.Run(bytes, typedInputs, dtype, optimize);
        Tensor expected;
        using (Autograd.NoGrad())
            expected = model.Forward(typedInputs);
        Assert.Equal(expected.Shape.Select(d => (long)d), shape);
        var differences = Differences.Between(values, expected.ToArray());
        output.WriteLine($"opset {opset}, {dtype}, ORT optimisations {(optimize ? "on" : "off")}: {differences}");
        return differences;
    }
}
