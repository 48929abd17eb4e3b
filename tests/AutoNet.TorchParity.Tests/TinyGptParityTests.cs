using AutoNet.Data;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TinyGpt;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using TorchParameter = TorchSharp.Modules.Parameter;
using Fn = TorchSharp.torch.nn.functional;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// examples/TinyGpt's transformer trained in AutoNet and in libtorch from the same weights on the same minibatches:
/// the model from <c>TinyGptTraining.BuildModel</c> in float64, its parameters copied into TorchSharp leaf tensors,
/// the forward written out in TorchSharp's functional ops as the reference script writes it (embeddings, pre-LayerNorm
/// blocks, causal attention by matmul + masked_fill + softmax, GELU MLP, final LayerNorm, head), the loss
/// cross_entropy with ignore_index, AdamW (lr 3e-3, weight decay 0.01). The batches are the example's rows drawn
/// by <c>RandInt</c> from the example's split of names.txt.
/// </summary>
public class TinyGptParityTests(ITestOutputHelper output)
{
    private const int Steps = 30, Width = 64, Heads = 4;

    /// <summary>The largest relative loss difference allowed at any step (the task's bound). Measured with
    /// TorchSharp-cpu 0.107.0 (this test's output line, <c>dotnet test tests/AutoNet.TorchParity.Tests --filter
    /// TinyGptParityTests --logger "console;verbosity=detailed"</c>): 3.2e-16 over the 30 steps; the final parameters
    /// (less the key bias, see the test) to a relative 1.7e-13.</summary>
    private const double MaxRelativeLossDifference = 1e-10;

    [Fact]
    public void TinyGpt_trains_the_same_in_TorchSharp_for_thirty_steps()
    {
        var names = TinyGptTraining.LoadNames(Path.Combine(AppContext.BaseDirectory, "data", "names.txt"));
        var (train, _, _) = TinyGptTraining.Split(names, 42);
        var model = TinyGptTraining.BuildModel(1337, DType.Float64);
        var optimizer = TinyGptTraining.Optimizer(model, 3e-3);
        var rng = new NumPyRandomState(1337);

        using var scope = torch.NewDisposeScope();
        var p = model.NamedParameters().ToDictionary(n => n.Name, n => new TorchParameter(n.Parameter.ToTorch(), requires_grad: true));
        Assert.Contains("h.1.attn.c_attn.weight", p.Keys);
        var torchOptimizer = torch.optim.AdamW(p.Values, lr: 3e-3, weight_decay: 0.01);

        var trace = new LossTrace($"tinygpt, {Steps} AdamW steps of 32 names, float64");
        for (int step = 0; step < Steps; step++)
        {
            var rows = TinyGptTraining.NextRows(rng, train.Count, 32);
            var (x, y) = train.Rows(rows);
            double ours = TinyGptTraining.Step(model, optimizer, x, y);

            using var stepScope = torch.NewDisposeScope();
            var loss = torch.nn.functional.cross_entropy(TorchForward(p, x.ToTorch().to_type(torch.int64)).view(-1, 27),
                y.ToTorch().to_type(torch.int64).view(-1), ignore_index: TinyGptTraining.Ignore);
            torchOptimizer.zero_grad();
            loss.backward();
            torchOptimizer.step();
            trace.Add(ours, loss.item<double>());
        }

        output.WriteLine(trace.ToString());
        trace.AssertAgreed(MaxRelativeLossDifference, trainedFraction: 0.8);
        var close = new Close(ParityTolerance.Float64, $"{trace.CaseName} final parameters");
        double keyBiasGradient = 0, keyBiasDifference = 0;
        foreach (var (name, parameter) in model.NamedParameters())
        {
            if (!name.EndsWith("attn.c_attn.bias", StringComparison.Ordinal))
            {
                close.Check(name, parameter, p[name]);
                continue;
            }
            // The key bias (entries width..2·width) gets a gradient that is zero in exact arithmetic: adding b to
            // every key adds q·b to a whole row of scores, which softmax ignores. What it gets is rounding noise
            // (~1e-18), different in the two frameworks. AdamW's weight decay and its eps (1e-8, larger than √v here)
            // keep the steps it causes tiny (about lr·g/eps), but relative to a value near 0 the two runs differ more
            // than float64's tolerance. The queries' and values' biases are compared as usual; for the key bias the
            // test checks that its gradient is noise and that the two runs stay within an absolute 1e-9.
            close.Check(name + "[q]", parameter.Narrow(0, 0, Width), p[name].narrow(0, 0, Width));
            close.Check(name + "[v]", parameter.Narrow(0, 2 * Width, Width), p[name].narrow(0, 2 * Width, Width));
            keyBiasGradient = Math.Max(keyBiasGradient, parameter.Grad!.Narrow(0, Width, Width).Abs().Max().Item());
            keyBiasDifference = Math.Max(keyBiasDifference,
                (parameter.Narrow(0, Width, Width) - p[name].narrow(0, Width, Width).ToAutoNet()).Abs().Max().Item());
        }
        output.WriteLine(FormattableString.Invariant(
            $"  key bias: largest last gradient {keyBiasGradient:G3} (zero in exact arithmetic), largest difference {keyBiasDifference:G3}"));
        Assert.True(keyBiasGradient < 1e-12, $"the key bias's gradient should be rounding noise, got {keyBiasGradient:G3}");
        Assert.True(keyBiasDifference <= 1e-9, $"the key biases drifted apart by {keyBiasDifference:G3}");
        output.WriteLine(close.Summary("final parameters"));
        Assert.True(close.Failures.Count == 0, close.ToString());
    }

    /// <summary>The reference script's forward in TorchSharp: logits [B, T, 27] for token indices [B, T].</summary>
    private static torch.Tensor TorchForward(Dictionary<string, TorchParameter> p, torch.Tensor idx)
    {
        long b = idx.shape[0], t = idx.shape[1];
        var x = p["wte.weight"].index_select(0, idx.flatten()).view(b, t, Width)
            + p["wpe.weight"].index_select(0, torch.arange(t, dtype: torch.int64));
        var future = torch.ones(t, t, dtype: torch.@bool).triu(1);
        for (int l = 0; l < 2; l++)
        {
            string h = $"h.{l}.";
            var normed = Fn.layer_norm(x, [Width], p[h + "ln_1.weight"], p[h + "ln_1.bias"], 1e-5);
            var qkv = Fn.linear(normed, p[h + "attn.c_attn.weight"], p[h + "attn.c_attn.bias"]).split(Width, 2);
            torch.Tensor Split(torch.Tensor z) => z.view(b, t, Heads, Width / Heads).transpose(1, 2);
            var (q, k, v) = (Split(qkv[0]), Split(qkv[1]), Split(qkv[2]));
            var att = (q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(Width / Heads))).masked_fill(future, double.NegativeInfinity).softmax(-1);
            var y = att.matmul(v).transpose(1, 2).contiguous().view(b, t, Width);
            x = x + Fn.linear(y, p[h + "attn.c_proj.weight"], p[h + "attn.c_proj.bias"]);
            var normed2 = Fn.layer_norm(x, [Width], p[h + "ln_2.weight"], p[h + "ln_2.bias"], 1e-5);
            var hidden = Fn.gelu(Fn.linear(normed2, p[h + "mlp.c_fc.weight"], p[h + "mlp.c_fc.bias"]));
            x = x + Fn.linear(hidden, p[h + "mlp.c_proj.weight"], p[h + "mlp.c_proj.bias"]);
        }
        return Fn.linear(Fn.layer_norm(x, [Width], p["ln_f.weight"], p["ln_f.bias"], 1e-5), p["lm_head.weight"], p["lm_head.bias"]);
    }
}
