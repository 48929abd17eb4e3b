using AutoNet.Data;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// A batched matrix product at attention sizes, forward + backward (both operands require grad, the output's
/// gradient all ones), float32, AutoNet and TorchSharp: <c>[32, 4, 16, 16] @ [32, 4, 16, 16]</c> (scores of 32
/// sequences × 4 heads) and <c>[32, 16, 64] @ [64, 64]</c> (a projection of 32 × 16 tokens).
/// </summary>
public sealed class BmmWorkload
{
    private readonly global::AutoNet.Tensor _a, _b, _seed;
    private readonly torch.Tensor _ta, _tb, _tseed;

    public BmmWorkload(int[] left, int[] right)
    {
        Name = $"bmm [{string.Join(", ", left)}] @ [{string.Join(", ", right)}] f32, forward + backward";
        var rng = new NumPyRandomState(11);
        _a = rng.Randn(left).To(DType.Float32);
        _b = rng.Randn(right).To(DType.Float32);
        _a.RequiresGrad = true;
        _b.RequiresGrad = true;
        _seed = global::AutoNet.Tensor.Ones([.. _a.MatMul(_b).Shape], DType.Float32);
        _ta = tensor(_a.ToArray(), left.Select(d => (long)d).ToArray(), ScalarType.Float64).to_type(ScalarType.Float32).requires_grad_();
        _tb = tensor(_b.ToArray(), right.Select(d => (long)d).ToArray(), ScalarType.Float64).to_type(ScalarType.Float32).requires_grad_();
        _tseed = ones(_seed.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);
    }

    public string Name { get; }

    public object RunAutoNet()
    {
        _a.Grad = null;
        _b.Grad = null;
        _a.MatMul(_b).Backward(_seed);
        return _b.Grad!;
    }

    public void RunTorchSharp()
    {
        using var scope = NewDisposeScope();
        _ta.grad?.zero_();
        _tb.grad?.zero_();
        _ta.matmul(_tb).backward([_tseed]);
    }
}

/// <summary>The batched products of <see cref="BmmWorkload"/> under BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class BmmBenchmarks
{
    private BmmWorkload _workload = null!;

    /// <summary>"heads": [32, 4, 16, 16] @ [32, 4, 16, 16]; "projection": [32, 16, 64] @ [64, 64].</summary>
    [Params("heads", "projection")] public string Case { get; set; } = "heads";

    [GlobalSetup]
    public void Setup() => _workload = Case == "heads"
        ? new BmmWorkload([32, 4, 16, 16], [32, 4, 16, 16])
        : new BmmWorkload([32, 16, 64], [64, 64]);

    [Benchmark] public object AutoNet() => _workload.RunAutoNet();
    [Benchmark] public void TorchSharp() => _workload.RunTorchSharp();
}

public sealed partial class ShortRun
{
    /// <summary>The batched products at attention sizes; target: at least as fast as TorchSharp.</summary>
    private void Bmm()
    {
        foreach (var w in new[] { new BmmWorkload([32, 4, 16, 16], [32, 4, 16, 16]), new BmmWorkload([32, 16, 64], [64, 64]) })
        {
            // Alternating runs, so that both see the same load of the (shared, noisy) machine.
            var (tA, tT) = MedianInterleaved(w.RunAutoNet, () => { w.RunTorchSharp(); return 0; }, warmup: 100, runs: 301);
            _rows.Add([w.Name, "AutoNet", Us(tA), ""]);
            _rows.Add([w.Name, "TorchSharp", Us(tT), ""]);
            _checks.Add([$"{w.Name}: TorchSharp time / AutoNet time", F(tT / tA, "0.00") + "x", ">= 1x", Pass(tT >= tA)]);
        }
    }
}
