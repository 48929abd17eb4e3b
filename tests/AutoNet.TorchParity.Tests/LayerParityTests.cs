using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The layers added after the first converters (LeakyReLU, GELU both ways, Softmax, LogSoftmax, Dropout, BatchNorm1d,
/// LayerNorm, Flatten, Identity) exported to TorchSharp with random weights and buffers, and checked with
/// Parity.CheckModule in training and evaluation mode, float64 and float32: output, input gradient, every parameter
/// gradient and every buffer after the forward (BatchNorm's running statistics).
/// </summary>
public class LayerParityTests
{
    private static (Module Module, int[] InputShape) Build(string name, DType dtype)
    {
        return name switch
        {
            "LeakyReLU" => (new Nn.LeakyReLU(), [6, 4]),
            "LeakyReLU 0.2" => (new Nn.LeakyReLU(0.2), [6, 4]),
            "GELU" => (new Nn.GELU(), [6, 4]),
            "GELU tanh" => (new Nn.GELU("tanh"), [6, 4]),
            "Softmax 1" => (new Nn.Softmax(1), [6, 4]),
            "Softmax -3" => (new Nn.Softmax(-3), [2, 3, 4]),
            "LogSoftmax 0" => (new Nn.LogSoftmax(0), [6, 4]),
            "LogSoftmax -1" => (new Nn.LogSoftmax(-1), [2, 3, 4]),
            "Dropout 0.3" => (new Nn.Dropout(0.3), [6, 4]),
            "Dropout 0" => (new Nn.Dropout(0.0), [6, 4]),
            "BatchNorm1d" => (new BatchNorm1d(4, dtype: dtype), [6, 4]),
            "BatchNorm1d [N, C, L]" => (new BatchNorm1d(4, eps: 1e-3, momentum: 0.3, dtype: dtype), [5, 4, 3]),
            "BatchNorm1d cumulative" => (new BatchNorm1d(4, momentum: null, dtype: dtype), [6, 4]),
            "BatchNorm1d without affine" => (new BatchNorm1d(4, affine: false, dtype: dtype), [6, 4]),
            "BatchNorm1d without running stats" => (new BatchNorm1d(4, trackRunningStats: false, dtype: dtype), [6, 4]),
            "LayerNorm" => (new LayerNorm(4, dtype: dtype), [6, 4]),
            "LayerNorm [3, 4]" => (new LayerNorm([3, 4], eps: 1e-6, dtype: dtype), [2, 3, 4]),
            "LayerNorm without affine" => (new LayerNorm(4, elementwiseAffine: false, dtype: dtype), [6, 4]),
            "Flatten" => (new Nn.Flatten(), [2, 3, 4]),
            "Flatten 0..1" => (new Nn.Flatten(0, 1), [2, 3, 4]),
            "Identity" => (new Nn.Identity(), [6, 4]),
            "Sequential of new layers" => (new Sequential(
                new Linear(4, 8, dtype: dtype, generator: new Data.NumPyRandomState(3)), new BatchNorm1d(8, dtype: dtype), new Nn.GELU("tanh"),
                new Nn.Dropout(0.0), new Linear(8, 5, dtype: dtype, generator: new Data.NumPyRandomState(4)), new LayerNorm(5, dtype: dtype),
                new Nn.LeakyReLU(0.1), new Nn.Identity(), new Nn.LogSoftmax(1)), [6, 4]),
            // nninfra: BatchNorm2d
            "BatchNorm2d" => (new BatchNorm2d(3, dtype: dtype), [4, 3, 2, 5]),
            "BatchNorm2d cumulative" => (new BatchNorm2d(3, eps: 1e-3, momentum: null, dtype: dtype), [2, 3, 4, 4]),
            "BatchNorm2d without affine" => (new BatchNorm2d(3, affine: false, dtype: dtype), [4, 3, 2, 5]),
            "BatchNorm2d without running stats" => (new BatchNorm2d(3, trackRunningStats: false, dtype: dtype), [4, 3, 2, 5]),
            // nninfra: GroupNorm
            "GroupNorm" => (new GroupNorm(2, 4, dtype: dtype), [3, 4, 5]),
            "GroupNorm [N, C, H, W]" => (new GroupNorm(3, 6, eps: 1e-3, dtype: dtype), [2, 6, 2, 3]),
            "GroupNorm one group without affine" => (new GroupNorm(1, 4, affine: false, dtype: dtype), [3, 4, 2, 2]),
            _ => throw new ArgumentException(name),
        };
    }

    private static readonly string[] Names =
    [
        "LeakyReLU", "LeakyReLU 0.2", "GELU", "GELU tanh", "Softmax 1", "Softmax -3", "LogSoftmax 0", "LogSoftmax -1",
        "Dropout 0.3", "Dropout 0", "BatchNorm1d", "BatchNorm1d [N, C, L]", "BatchNorm1d cumulative", "BatchNorm1d without affine",
        "BatchNorm1d without running stats", "LayerNorm", "LayerNorm [3, 4]", "LayerNorm without affine", "Flatten", "Flatten 0..1",
        "Identity", "Sequential of new layers",
        "BatchNorm2d", "BatchNorm2d cumulative", "BatchNorm2d without affine", "BatchNorm2d without running stats", // nninfra
        "GroupNorm", "GroupNorm [N, C, H, W]", "GroupNorm one group without affine", // nninfra
    ];

    public static IEnumerable<object[]> Cases() =>
        from name in Names
        from training in new[] { true, false }
        where !(training && name == "Dropout 0.3") // masks come from different generators: dropout with p > 0 only in eval mode
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { name, training, dtype };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_matches_its_TorchSharp_export(string name, bool training, DType dtype)
    {
        var (module, shape) = Build(name, dtype);
        Randomize(module, new Data.NumPyRandomState(Inputs.StableSeed(name)));
        module.Train(training);
        var x = Inputs.Make(name, dtype, [new InputSpec(shape, InputKind.Wide)])[0];
        using var scope = torch.NewDisposeScope();

        var result = Parity.CheckModule(module, x, Options(name, dtype));

        ParityLog.AssertPassed(result, $"layer {name} {(training ? "train" : "eval")} {dtype.Name()}");
        Assert.Equal(2 + module.Parameters().Count() + module.NamedBuffers().Count(), result.Comparisons.Count);
    }

    [Theory]
    [InlineData("BatchNorm1d", DType.Float64)]
    [InlineData("BatchNorm1d", DType.Float32)]
    [InlineData("BatchNorm1d cumulative", DType.Float64)]
    [InlineData("BatchNorm1d cumulative", DType.Float32)]
    [InlineData("BatchNorm1d [N, C, L]", DType.Float64)]
    [InlineData("BatchNorm1d [N, C, L]", DType.Float32)]
    [InlineData("BatchNorm2d", DType.Float64)]
    [InlineData("BatchNorm2d", DType.Float32)]
    [InlineData("BatchNorm2d cumulative", DType.Float64)]
    public void BatchNorm_running_statistics_follow_PyTorch_over_training_steps_then_serve_in_eval(string name, DType dtype)
    {
        var (module, shape) = Build(name, dtype);
        Randomize(module, new Data.NumPyRandomState(Inputs.StableSeed(name)));
        var rng = new Data.NumPyRandomState(Inputs.StableSeed(name + " batches"));
        using var scope = torch.NewDisposeScope();
        var torchModule = module.ToTorch();

        for (int step = 1; step <= 4; step++)
        {
            var batch = Inputs.Make(rng, new InputSpec(shape, InputKind.Wide), dtype) + step;
            ParityLog.AssertPassed(Parity.CheckModule(module, torchModule, batch, Options(name, dtype)), $"{name} training step {step} {dtype.Name()}");
        }
        module.Eval();
        torchModule.eval();
        var x = Inputs.Make(rng, new InputSpec(shape, InputKind.Wide), dtype);
        ParityLog.AssertPassed(Parity.CheckModule(module, torchModule, x, Options(name, dtype)), $"{name} eval after training {dtype.Name()}");

        var bn = (BatchNorm)module;
        Assert.Equal(7.0 + 4, bn.NumBatchesTracked!.Item()); // Randomize set 7 batches before these 4
        // TorchSharp keeps num_batches_tracked in the module's dtype (PyTorch: int64); read it as a number either way.
        Assert.Equal(11.0, ((global::TorchSharp.Modules.BatchNorm)torchModule).num_batches_tracked!.to_type(torch.ScalarType.Float64).item<double>());
    }

    /// <summary>
    /// The defaults, except for the float32 Sequential: its first weight's gradient goes back through LayerNorm and
    /// BatchNorm, which sum terms of both signs, so it gets a tolerance relative to its largest element (without it,
    /// one element of size 1e-2 differs by 1.6e-6, just over atol + rtol · |value|).
    /// </summary>
    private static ParityOptions Options(string name, DType dtype) =>
        dtype == DType.Float32 && name.StartsWith("Sequential", StringComparison.Ordinal)
            ? new ParityOptions { Tolerance = new ParityTolerance(1e-5, 1e-6, RelativeToLargest: 1e-5) }
            : ParityOptions.Default;

    /// <summary>Random values for every parameter and BatchNorm's running statistics (variances positive), so that no
    /// parameter sits at its 1 / 0 default where a wrong copy would go unnoticed.</summary>
    internal static void Randomize(Module module, Data.NumPyRandomState rng)
    {
        using (Autograd.NoGrad())
        {
            foreach (var p in module.Parameters())
                p.CopyFrom((1.0 + 0.5 * rng.Randn(p.Shape.ToArray()).Reshape(p.Shape.ToArray())).To(p.DType));
            foreach (var (name, b) in module.NamedBuffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) b.CopyFrom(rng.Randn(b.Shape.ToArray()).Reshape(b.Shape.ToArray()).To(b.DType));
                if (name.EndsWith("running_var", StringComparison.Ordinal)) b.CopyFrom(rng.Uniform(0.5, 2.0, b.Shape.ToArray()).Reshape(b.Shape.ToArray()).To(b.DType));
                if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) b.CopyFrom(Tensor.Scalar(7, b.DType));
            }
        }
    }
}
