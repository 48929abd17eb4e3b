using BenchmarkDotNet.Attributes;

namespace AutoNet.Benchmarks;

/// <summary>1000 full-batch epochs of the seed's moons network (float64).</summary>
[MemoryDiagnoser]
public class MoonsBenchmarks
{
    public const int Epochs = 1000;
    private MoonsAutoNet _autoNet = null!;
    private MoonsTorchSharp _torchSharp = null!;
    private MoonsHandWritten _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new MoonsData();
        _autoNet = new MoonsAutoNet(data);
        _torchSharp = new MoonsTorchSharp(data);
        _handWritten = new MoonsHandWritten(data);
    }

    [Benchmark(Baseline = true)] public double HandWritten() => _handWritten.Train(Epochs);
    [Benchmark] public double AutoNet() => _autoNet.Train(Epochs);
    [Benchmark] public double TorchSharp() => _torchSharp.Train(Epochs);
}

/// <summary>One SGD step of the 784 → 256 → 10 MLP, float32, batch 256.</summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private MlpAutoNet _autoNet = null!;
    private MlpTorchSharp _torchSharp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _autoNet = new MlpAutoNet();
        _torchSharp = new MlpTorchSharp();
    }

    [Benchmark] public double AutoNet() => _autoNet.Step();
    [Benchmark] public double TorchSharp() => _torchSharp.Step();
}

/// <summary>One training step of examples/Names' MLP, float32, batch 32 (NamesWorkloads.cs).</summary>
[MemoryDiagnoser]
public class NamesBenchmarks
{
    private NamesWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = new NamesWorkload();

    [Benchmark] public double AutoNet() => _workload.StepAutoNet();
    [Benchmark] public double TorchSharp() => _workload.StepTorchSharp();
}

/// <summary>The 1024 × 1024 × 1024 matrix product (GFLOP/s = 2.147 / time in ms).</summary>
[MemoryDiagnoser]
public class MatMulBenchmarks
{
    private MatMulWorkload _workload = null!;

    [Params(DType.Float32, DType.Float64)] public DType DType { get; set; }

    [GlobalSetup] public void Setup() => _workload = new MatMulWorkload(1024, DType);

    [Benchmark] public object AutoNet() => _workload.RunAutoNet();
    [Benchmark] public void TorchSharp() => _workload.RunTorchSharp();
}

/// <summary>One 4-element multiply plus its backward with autograd on.</summary>
[MemoryDiagnoser]
public class OpOverheadBenchmarks
{
    private readonly OpOverhead _workload = new();

    [Benchmark] public void AutoNet() => _workload.RunAutoNet();
    [Benchmark] public void TorchSharp() => _workload.RunTorchSharp();
}
