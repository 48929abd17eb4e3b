using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace AutoNet.Onnx.Tests;

/// <summary>The models the export is checked on, each buildable in float32 and float64 with the same values.</summary>
internal static class TestModels
{
    /// <summary>
    /// The seed notebook's moons network (2 -> 4 ReLU -> 1 sigmoid), trained as examples/Moons trains it: weights from
    /// np.random.seed(42), BCE, SGD lr 0.1, 1000 full-batch epochs on make_moons(200, noise 0.2, random_state 42).
    /// </summary>
    public static Sequential TrainedMoons()
    {
        var (x, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
        var y = labels.Reshape(-1, 1);
        var model = MoonsArchitecture(DType.Float64);
        var rng = new NumPyRandomState(42);
        using (Autograd.NoGrad())
        {
            ((Linear)model[0]).Weight.CopyFrom((rng.Randn(2, 4) * 0.01).T);
            ((Linear)model[0]).Bias!.CopyFrom(Tensor.Zeros(4));
            ((Linear)model[2]).Weight.CopyFrom((rng.Randn(4, 1) * 0.01).T);
            ((Linear)model[2]).Bias!.CopyFrom(Tensor.Zeros(1));
        }
        var loss = new BCELoss();
        var optimizer = new SGD(model.Parameters(), 0.1);
        for (int epoch = 0; epoch < 1000; epoch++)
        {
            var value = loss.Forward(model.Forward(x), y);
            optimizer.ZeroGrad();
            value.Backward();
            optimizer.Step();
        }
        return model;
    }

    public static Sequential MoonsArchitecture(DType dtype) =>
        new(new Linear(2, 4, dtype: dtype), new ReLU(), new Linear(4, 1, dtype: dtype), new Sigmoid());

    /// <summary>
    /// Every supported layer, on inputs of shape [N, 3, 4]: BatchNorm1d on [N, C, L] and on [N, C], LayerNorm with
    /// and without affine parameters, both GELUs, Flatten, Dropout, a nested Sequential, LeakyReLU, Identity, a
    /// Linear without bias, Tanh, Sigmoid, and Softmax or LogSoftmax at the end. In float64 the exact GELU is
    /// replaced by Identity: ONNX Runtime has no double Erf kernel (see ExportedGraphTests); the tanh GELU stays.
    /// </summary>
    public static Sequential EveryLayer(DType dtype, bool logSoftmax) => new(
        new BatchNorm1d(3, dtype: dtype),
        new LayerNorm(4, dtype: dtype),
        dtype == DType.Float64 ? new Identity() : new GELU(),
        new Flatten(),
        new Linear(12, 16, dtype: dtype),
        new BatchNorm1d(16, dtype: dtype),
        new ReLU(),
        new Dropout(0.25, new NumPyRandomState(7)),
        new Sequential(new Linear(16, 16, dtype: dtype), new LeakyReLU(0.01)),
        new Linear(16, 12, dtype: dtype),
        new GELU("tanh"),
        new LayerNorm([12], elementwiseAffine: false, dtype: dtype),
        new Identity(),
        new Linear(12, 10, bias: false, dtype: dtype),
        new Tanh(),
        new Linear(10, 8, dtype: dtype),
        new Sigmoid(),
        new Linear(8, 5, dtype: dtype),
        logSoftmax ? new LogSoftmax(1) : new Softmax(-1));

    /// <summary>
    /// On inputs of shape [N, 2, 3, 4]: Flatten(1, 2) (a Reshape), BatchNorm1d without affine parameters on
    /// [N, C, L], LayerNorm over two dims, Flatten, Linear, and a LeakyReLU whose slope is a float32 number (so it
    /// stays a LeakyRelu node in float64 graphs too).
    /// </summary>
    public static Sequential Reshaping(DType dtype) => new(
        new Flatten(1, 2),
        new BatchNorm1d(6, affine: false, dtype: dtype),
        new LayerNorm([6, 4], dtype: dtype),
        new Flatten(),
        new Linear(24, 3, dtype: dtype),
        new LeakyReLU(0.25));

    /// <summary>
    /// On [N, 1, 8, 8]: Conv2d with padding, MaxPool2d, a grouped Conv2d with (height, width) pairs and dilation,
    /// AvgPool2d with padding (counted), AdaptiveAvgPool2d(2), Flatten, Linear.
    /// </summary>
    public static Sequential Convolutional2d(DType dtype) => new(
        new Conv2d(1, 4, 3, padding: 1, dtype: dtype), new ReLU(), new MaxPool2d(2),
        new Conv2d(4, 6, (3, 2), (1, 1), (1, 0), (1, 2), groups: 2, dtype: dtype), new Tanh(),
        new AvgPool2d(3, 1, 1), new AdaptiveAvgPool2d(2), new Flatten(), new Linear(24, 3, dtype: dtype));

    /// <summary>On [N, 2, 9]: Conv1d with stride and padding, MaxPool1d with padding, AvgPool1d, Flatten, Linear;
    /// then the [N, 4, 3] is also pooled globally by a 2-D model in <see cref="Convolutional2d"/>'s test.</summary>
    public static Sequential Convolutional1d(DType dtype) => new(
        new Conv1d(2, 4, 3, stride: 2, padding: 1, bias: false, dtype: dtype), new ReLU(), new MaxPool1d(2, 1, 1),
        new AvgPool1d(2), new Flatten(), new Linear(12, 2, dtype: dtype));

    /// <summary>The architecture of examples/Digits, on [N, 1, 8, 8]: conv 8 → ReLU → max-pool → conv 16 → ReLU → max-pool → linear 64 → 10.</summary>
    public static Sequential Digits(DType dtype) => new(
        new Conv2d(1, 8, 3, padding: 1, dtype: dtype), new ReLU(), new MaxPool2d(2),
        new Conv2d(8, 16, 3, padding: 1, dtype: dtype), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64, 10, dtype: dtype));

    /// <summary>On [N, 1, 8, 8]: Conv2d → BatchNorm2d (affine) → ReLU → max-pool → Conv2d → BatchNorm2d (no affine) → Flatten → Linear.</summary>
    public static Sequential BatchNormalized2d(DType dtype) => new(
        new Conv2d(1, 4, 3, padding: 1, dtype: dtype), new BatchNorm2d(4, dtype: dtype), new ReLU(), new MaxPool2d(2),
        new Conv2d(4, 3, 3, dtype: dtype), new BatchNorm2d(3, affine: false, dtype: dtype), new Flatten(), new Linear(12, 2, dtype: dtype));

    /// <summary>On [N, 3, 5, 7]: a dilated, strided Conv2d then global average pooling (AdaptiveAvgPool2d(1)).</summary>
    public static Sequential GlobalPooling(DType dtype) => new(
        new Conv2d(3, 5, 2, stride: 2, dilation: 2, dtype: dtype), new AdaptiveAvgPool2d(1), new Flatten());

    /// <summary>
    /// Gives the model values worth testing, in float64, from <paramref name="seed"/>: every parameter uniform in
    /// [-1, 1) (norm scales in [0.5, 1.5)), then, in training mode, a few forward passes to move the BatchNorm
    /// running statistics away from 0 and 1. Leaves the model in eval mode.
    /// </summary>
    public static Sequential Randomized(Sequential model, int[] sampleShape, uint seed)
    {
        var rng = new NumPyRandomState(seed);
        using (Autograd.NoGrad())
        {
            foreach (var (name, parameter) in model.NamedParameters())
            {
                var values = rng.Uniform(-1, 1, [.. parameter.Shape]);
                bool normScale = name.EndsWith("weight", StringComparison.Ordinal) && parameter.Rank == 1;
                parameter.CopyFrom(normScale ? 1.0 + values * 0.5 : values);
            }
            model.Train();
            for (int step = 0; step < 3; step++) model.Forward(rng.Randn([32, .. sampleShape]) * 2 + 0.5);
            model.Eval();
        }
        return model;
    }

    /// <summary>A model of the same architecture in <paramref name="dtype"/> holding <paramref name="source"/>'s values.</summary>
    public static Sequential Converted(Func<DType, Sequential> architecture, Sequential source, DType dtype)
    {
        var copy = architecture(dtype);
        copy.LoadStateDict(source.StateDict());
        copy.Eval();
        return copy;
    }
}
