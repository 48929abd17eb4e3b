using Microsoft.ML.OnnxRuntime;

namespace AutoNet.Onnx.Tests;

/// <summary>Runs an exported ONNX model with ONNX Runtime on an AutoNet tensor.</summary>
internal static class OrtRunner
{
    /// <summary>
    /// Runs the model (the bytes of a .onnx file) on <paramref name="input"/> with its elements converted to
    /// <paramref name="dtype"/> (an Int64 input, indices for an Embedding, stays Int64), and returns the output's elements and shape. <paramref name="optimize"/> false
    /// turns off ONNX Runtime's graph rewrites, so the nodes run exactly as exported.
    /// </summary>
    public static (double[] Values, long[] Shape) Run(byte[] model, Tensor input, DType dtype, bool optimize = true)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = optimize ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
        };
        using var session = new InferenceSession(model, options);
        long[] shape = [.. input.Shape.Select(d => (long)d)];
        double[] data = input.ToArray();
        using var value = input.DType == DType.Int64
            ? OrtValue.CreateTensorValueFromMemory(data.Select(v => (long)v).ToArray(), shape)
            : dtype == DType.Float32
            ? OrtValue.CreateTensorValueFromMemory(data.Select(v => (float)v).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(data, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [value], ["output"]);
        var output = outputs[0];
        long[] outputShape = output.GetTensorTypeAndShape().Shape;
        double[] values = dtype == DType.Float32
            ? [.. output.GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v)]
            : output.GetTensorDataAsSpan<double>().ToArray();
        return (values, outputShape);
    }
}
