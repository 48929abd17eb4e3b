using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// A Conv2d forward + backward at a CNN's usual size: batch 32, 32 → 64 channels, 32 × 32 images, 3 × 3 kernel,
/// padding 1, float32; input, weight and bias all take gradients (the output's gradient all ones).
/// </summary>
public sealed class ConvWorkload
{
    private readonly global::AutoNet.Tensor _x, _seed;
    private readonly Conv2d _conv;
    private readonly torch.Tensor _tx, _tseed;
    private readonly TorchSharp.Modules.Conv2d _tconv;

    public ConvWorkload()
    {
        _conv = new Conv2d(32, 64, 3, padding: 1, dtype: DType.Float32, generator: new NumPyRandomState(1));
        _x = new NumPyRandomState(2).Randn(32, 32, 32, 32).To(DType.Float32);
        _x.RequiresGrad = true;
        _seed = global::AutoNet.Tensor.Ones([32, 64, 32, 32], DType.Float32);
        _tconv = nn.Conv2d(32, 64, 3, padding: 1);
        _tx = randn(32, 32, 32, 32).requires_grad_();
        _tseed = ones(32, 64, 32, 32);
    }

    public const string Name = "Conv2d 32→64, 3×3 pad 1, [32, 32, 32, 32] f32, forward + backward";

    public object RunAutoNet()
    {
        _x.Grad = null;
        _conv.ZeroGrad();
        _conv.Forward(_x).Backward(_seed);
        return _x.Grad!;
    }

    public void RunTorchSharp()
    {
        using var scope = NewDisposeScope();
        _tx.grad?.zero_();
        _tconv.zero_grad();
        _tconv.forward(_tx).backward([_tseed]);
    }
}

/// <summary>
/// One Adam step of the Digits example's CNN (conv 8 → pool → conv 16 → pool → linear 64 → 10, cross-entropy) on
/// a float32 minibatch of 64 8 × 8 images, AutoNet and TorchSharp (DisposeScope per step).
/// </summary>
public sealed class DigitsStepWorkload
{
    private const int Batch = 64;
    private readonly global::AutoNet.Tensor _x, _y;
    private readonly Sequential _model;
    private readonly Adam _adam;
    private readonly torch.Tensor _tx, _ty;
    private readonly nn.Module<torch.Tensor, torch.Tensor> _tmodel;
    private readonly optim.Optimizer _tadam;

    public DigitsStepWorkload()
    {
        var rng = new NumPyRandomState(3);
        _x = rng.Rand(Batch, 1, 8, 8).To(DType.Float32);
        _y = rng.RandInt(0, 10, Batch);
        _model = new Sequential(
            new Conv2d(1, 8, 3, padding: 1, dtype: DType.Float32), new ReLU(), new MaxPool2d(2),
            new Conv2d(8, 16, 3, padding: 1, dtype: DType.Float32), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(64, 10, dtype: DType.Float32));
        _adam = new Adam(_model.Parameters(), lr: 1e-2);
        _tx = tensor(_x.ToArray(), [Batch, 1, 8, 8], ScalarType.Float64).to_type(ScalarType.Float32);
        _ty = tensor(_y.ToArray().Select(v => (long)v).ToArray(), [Batch]);
        _tmodel = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64, 10));
        _tadam = optim.Adam(_tmodel.parameters(), lr: 1e-2);
    }

    public const string Name = "Digits CNN, one Adam step, batch 64 f32";

    public double RunAutoNet()
    {
        var loss = F.CrossEntropy(_model.Forward(_x), _y);
        _adam.ZeroGrad();
        loss.Backward();
        _adam.Step();
        return loss.Item();
    }

    public double RunTorchSharp()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(_tmodel.forward(_tx), _ty);
        _tadam.zero_grad();
        loss.backward();
        _tadam.step();
        return loss.item<float>();
    }
}

/// <summary>The convolution workloads under BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class CnnBenchmarks
{
    private ConvWorkload _conv = null!;
    private DigitsStepWorkload _digits = null!;

    [GlobalSetup]
    public void Setup()
    {
        _conv = new ConvWorkload();
        _digits = new DigitsStepWorkload();
    }

    [Benchmark] public object ConvAutoNet() => _conv.RunAutoNet();
    [Benchmark] public void ConvTorchSharp() => _conv.RunTorchSharp();
    [Benchmark] public double DigitsStepAutoNet() => _digits.RunAutoNet();
    [Benchmark] public double DigitsStepTorchSharp() => _digits.RunTorchSharp();
}

public sealed partial class ShortRun
{
    /// <summary>The CNN rows of issue 12: the Digits step (target: at least as fast as TorchSharp) and a Conv2d
    /// forward + backward (target: at least half TorchSharp's speed; libtorch uses oneDNN there).</summary>
    private void Cnn()
    {
        var digits = new DigitsStepWorkload();
        var (tA, tT) = MedianInterleaved(digits.RunAutoNet, digits.RunTorchSharp, warmup: 20, runs: 101);
        _rows.Add([DigitsStepWorkload.Name, "AutoNet", Ms(tA), ""]);
        _rows.Add([DigitsStepWorkload.Name, "TorchSharp", Ms(tT), ""]);
        _checks.Add(["Digits CNN step: TorchSharp time / AutoNet time", F(tT / tA, "0.00") + "x", ">= 1x", Pass(tT >= tA)]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) digits.RunAutoNet();
        _rows.Add([DigitsStepWorkload.Name, "AutoNet bytes allocated per step", "", F((GC.GetAllocatedBytesForCurrentThread() - before) / 100.0 / 1024, "0") + " KiB"]);

        var conv = new ConvWorkload();
        MemoryCost costA = new(), costT = new();
        (tA, tT) = MedianInterleaved(conv.RunAutoNet, () => { conv.RunTorchSharp(); return 0; }, warmup: 3, runs: 15, costA, costT);
        _rows.Add([ConvWorkload.Name, "AutoNet", Ms(tA), costA.ToString()]);
        _rows.Add([ConvWorkload.Name, "TorchSharp", Ms(tT), costT.ToString()]);
        _checks.Add(["Conv2d forward + backward: TorchSharp time / AutoNet time", F(tT / tA, "0.00") + "x", ">= 0.5x", Pass(tT / tA >= 0.5)]);
    }
}
