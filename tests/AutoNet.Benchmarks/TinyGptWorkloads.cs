using AutoNet.Data;
using BenchmarkDotNet.Attributes;
using TinyGpt;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// One AdamW step of examples/TinyGpt's transformer (2 blocks, 4 heads, width 64, block 16) on a float32 minibatch
/// of 32 names from the example's training split, AutoNet (the example's own model and step) and TorchSharp (the
/// same weights, the reference script's forward written in TorchSharp's functional ops; DisposeScope per step).
/// </summary>
public sealed class TinyGptStepWorkload
{
    private const int Width = 64, Heads = 4;
    private readonly global::AutoNet.Tensor _x, _y;
    private readonly TinyGptModel _model;
    private readonly global::AutoNet.Optim.AdamW _adamw;
    private readonly torch.Tensor _tx, _ty;
    private readonly Dictionary<string, TorchSharp.Modules.Parameter> _p;
    private readonly optim.Optimizer _tadamw;

    public TinyGptStepWorkload()
    {
        var names = TinyGptTraining.LoadNames(Path.Combine(AppContext.BaseDirectory, "data", "names.txt"));
        var (train, _, _) = TinyGptTraining.Split(names, 42);
        (_x, _y) = train.Rows(TinyGptTraining.NextRows(new NumPyRandomState(1337), train.Count, 32));
        _model = TinyGptTraining.BuildModel(1337);
        _adamw = TinyGptTraining.Optimizer(_model, 3e-3);
        _tx = tensor(_x.ToArray().Select(v => (long)v).ToArray(), [32, TinyGptTraining.BlockSize]);
        _ty = tensor(_y.ToArray().Select(v => (long)v).ToArray(), [32 * TinyGptTraining.BlockSize]);
        _p = _model.NamedParameters().ToDictionary(n => n.Name, n => new TorchSharp.Modules.Parameter(
            tensor(n.Parameter.ToArray(), [.. n.Parameter.Shape.Select(d => (long)d)], ScalarType.Float64).to_type(ScalarType.Float32)));
        _tadamw = optim.AdamW(_p.Values, lr: 3e-3, weight_decay: 0.01);
    }

    public const string Name = "TinyGpt training step (batch 32), AdamW f32";

    public double RunAutoNet() => TinyGptTraining.Step(_model, _adamw, _x, _y);

    public double RunTorchSharp()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(Forward(_tx).view(-1, 27), _ty, ignore_index: TinyGptTraining.Ignore);
        _tadamw.zero_grad();
        loss.backward();
        _tadamw.step();
        return loss.item<float>();
    }

    /// <summary>The reference script's forward (examples/TinyGpt/reference/tinygpt_torch.py) in TorchSharp.</summary>
    private torch.Tensor Forward(torch.Tensor idx)
    {
        long b = idx.shape[0], t = idx.shape[1];
        var x = _p["wte.weight"].index_select(0, idx.flatten()).view(b, t, Width) + _p["wpe.weight"].index_select(0, arange(t, dtype: ScalarType.Int64));
        var future = ones(t, t, dtype: ScalarType.Bool).triu(1);
        for (int l = 0; l < 2; l++)
        {
            string h = $"h.{l}.";
            var normed = nn.functional.layer_norm(x, [Width], _p[h + "ln_1.weight"], _p[h + "ln_1.bias"], 1e-5);
            var qkv = nn.functional.linear(normed, _p[h + "attn.c_attn.weight"], _p[h + "attn.c_attn.bias"]).split(Width, 2);
            torch.Tensor Split(torch.Tensor z) => z.view(b, t, Heads, Width / Heads).transpose(1, 2);
            var (q, k, v) = (Split(qkv[0]), Split(qkv[1]), Split(qkv[2]));
            var att = (q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(Width / Heads))).masked_fill(future, double.NegativeInfinity).softmax(-1);
            var y = att.matmul(v).transpose(1, 2).contiguous().view(b, t, Width);
            x = x + nn.functional.linear(y, _p[h + "attn.c_proj.weight"], _p[h + "attn.c_proj.bias"]);
            var normed2 = nn.functional.layer_norm(x, [Width], _p[h + "ln_2.weight"], _p[h + "ln_2.bias"], 1e-5);
            var hidden = nn.functional.gelu(nn.functional.linear(normed2, _p[h + "mlp.c_fc.weight"], _p[h + "mlp.c_fc.bias"]));
            x = x + nn.functional.linear(hidden, _p[h + "mlp.c_proj.weight"], _p[h + "mlp.c_proj.bias"]);
        }
        return nn.functional.linear(nn.functional.layer_norm(x, [Width], _p["ln_f.weight"], _p["ln_f.bias"], 1e-5), _p["lm_head.weight"], _p["lm_head.bias"]);
    }
}

/// <summary>The TinyGpt step under BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class TinyGptBenchmarks
{
    private TinyGptStepWorkload _step = null!;

    [GlobalSetup]
    public void Setup() => _step = new TinyGptStepWorkload();

    [Benchmark] public double TinyGptStepAutoNet() => _step.RunAutoNet();
    [Benchmark] public double TinyGptStepTorchSharp() => _step.RunTorchSharp();
}

public sealed partial class ShortRun
{
    /// <summary>The TinyGpt row: one training step of the example's transformer, AutoNet against TorchSharp
    /// (interleaved medians; issue 12's target: at least as fast as TorchSharp).</summary>
    private void TinyGpt()
    {
        var step = new TinyGptStepWorkload();
        var (tA, tT) = MedianInterleaved(step.RunAutoNet, step.RunTorchSharp, warmup: 10, runs: 51);
        _rows.Add([TinyGptStepWorkload.Name, "AutoNet", Ms(tA), ""]);
        _rows.Add([TinyGptStepWorkload.Name, "TorchSharp", Ms(tT), ""]);
        _checks.Add(["TinyGpt step: TorchSharp time / AutoNet time", F(tT / tA, "0.00") + "x", ">= 1x", Pass(tT >= tA)]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) step.RunAutoNet();
        _rows.Add([TinyGptStepWorkload.Name, "AutoNet bytes allocated per step", "", F((GC.GetAllocatedBytesForCurrentThread() - before) / 20.0 / 1024, "0") + " KiB"]);
    }
}
