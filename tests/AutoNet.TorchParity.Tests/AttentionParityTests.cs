using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Attention against libtorch (TorchSharp 0.107, libtorch 2.10): F.ScaledDotProductAttention's second order against
/// libtorch's math path (its own kernel has no double backward), its fully masked row, and Nn.MultiheadAttention
/// exported to TorchSharp's (state dict by key): outputs, head-averaged weights and the gradients of inputs and
/// parameters in float64 and float32, sequence-first, batch-first (transposed for TorchSharp, which is sequence-first only),
/// unbatched, Bool/float masks, key padding masks, no bias; the converters both ways.
/// </summary>
public class AttentionParityTests
{
    private static Tensor Random(int seed, params int[] shape) => new Data.NumPyRandomState((uint)seed).Normal(0, 1, shape);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sdpa_second_order_matches_libtorchs_math_path(bool causal)
    {
        Tensor[] inputs = [Random(1, 2, 3, 4), Random(2, 2, 5, 4), Random(3, 2, 5, 3)];
        foreach (var x in inputs) x.RequiresGrad = true;
        var v = Random(4, 2, 3, 3);
        using var scope = torch.NewDisposeScope();
        var ours = F.ScaledDotProductAttention(inputs[0], inputs[1], inputs[2], isCausal: causal);
        var g = Autograd.Grad([ours], inputs, [v], createGraph: true);
        var gradOfGrad = Autograd.Grad([(g[0]! * g[0]!).Sum() + (g[1]! * g[2]!.Sum()).Sum()], inputs);

        var t = inputs.Select(x => x.ToTorch(requiresGrad: true)).ToArray();
        var scores = t[0].matmul(t[1].transpose(-2, -1)) * (1 / Math.Sqrt(4));
        if (causal) scores = scores.masked_fill(torch.ones(3, 5, dtype: torch.@bool).tril().logical_not(), double.NegativeInfinity);
        var theirs = scores.softmax(-1).matmul(t[2]);
        var tg = torch.autograd.grad([theirs], t, [v.ToTorch()], retain_graph: true, create_graph: true);
        var tgg = torch.autograd.grad([(tg[0] * tg[0]).sum() + (tg[1] * tg[2].sum()).sum()], t);

        var close = new Close(ParityTolerance.Float64, $"sdpa second order causal={causal}");
        close.Check("output", ours, theirs);
        // The same output through TorchSharp's own scaled_dot_product_attention.
        close.Check("output (libtorch kernel)", ours, torch.nn.functional.scaled_dot_product_attention(t[0], t[1], t[2], null, 0, causal));
        for (int i = 0; i < 3; i++)
        {
            close.Check($"gradient {i}", g[i]!, tg[i]);
            close.Check($"gradient of gradient {i}", gradOfGrad[i]!, tgg[i]);
        }
        Assert.True(close.Failures.Count == 0, close.ToString());
    }

    /// <summary>A query whose keys are all masked: AutoNet gives NaN (as torch 1.13's composition and the math path
    /// of PyTorch 2.0-2.4); libtorch 2.10 gives 0 for that row. The other rows agree.</summary>
    [Fact]
    public void Sdpa_fully_masked_row_is_NaN_where_libtorch_2_10_gives_zero()
    {
        Tensor q = Random(5, 2, 3), k = Random(6, 4, 3), v = Random(7, 4, 2);
        var mask = Tensor.From(new[] { true, false, true, true, false, false, false, false }, 2, 4);
        using var scope = torch.NewDisposeScope();
        var ours = F.ScaledDotProductAttention(q, k, v, mask).ToArray();
        var theirs = torch.nn.functional.scaled_dot_product_attention(q.ToTorch(), k.ToTorch(), v.ToTorch(), mask.ToTorch(), 0, false).ToAutoNet().ToArray();
        Assert.All(ours[2..], x => Assert.True(double.IsNaN(x)));
        Assert.All(theirs[2..], x => Assert.Equal(0.0, x));
        Assert.Equal(theirs[0], ours[0], 1e-14);
        Assert.Equal(theirs[1], ours[1], 1e-14);
    }

    /// <summary>libtorch's C++ MultiheadAttention (behind TorchSharp's) takes a float [L, S] mask only (a Bool one it
    /// adds as 0/1) and a Bool key padding mask only, and no unbatched input: AutoNet's Bool masks are given to it as
    /// 0/-∞, unbatched inputs with a batch of 1; float [N·heads, L, S] masks and float key padding masks are checked
    /// against torch 1.13 in MultiheadAttentionFixtureTests instead.</summary>
    public static TheoryData<string, DType> MhaCases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in new[] { "cross", "self", "batch first", "unbatched", "bool mask", "float mask", "key padding bool",
                     "key padding and bool mask", "no bias", "causal" })
            foreach (var dtype in new[] { DType.Float64, DType.Float32 }) data.Add(name, dtype);
        return data;
    }

    /// <summary>Float64 values; the gradients are sums over batch, heads and sequence (the key part of in_proj_bias
    /// has gradient 0 in exact arithmetic: both give rounding noise below 1e-13).</summary>
    private static readonly ParityTolerance SumsTolerance = new(1e-10, 1e-13);

    [Theory, MemberData(nameof(MhaCases))]
    public void MultiheadAttention_matches_its_TorchSharp_export(string name, DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var run = Run(name, dtype);
        if (dtype == DType.Float64)
        {
            var close = new Close(SumsTolerance, $"multihead attention {name} float64");
            foreach (var (what, ours, theirs) in run) close.Check(what, ours, theirs);
            Assert.True(close.Failures.Count == 0, close.ToString());
            return;
        }
        // Float32: both libraries round differently along the way (scores up to about 100 with these weights, then a
        // softmax), so each is compared with libtorch's float64 result: AutoNet's largest error may be at most
        // Float32ErrorRatio times libtorch's own, plus 1e-6 of the tensor's largest value.
        var reference = Run(name, DType.Float64);
        var report = new List<string>();
        bool passed = true;
        for (int i = 0; i < run.Count; i++)
        {
            double[] exact = reference[i].Theirs.ToArray(), ours = run[i].Ours.ToArray(), theirs = run[i].Theirs.ToArray();
            double scale = exact.Max(Math.Abs);
            double ourError = exact.Zip(ours).Max(p => Math.Abs(p.First - p.Second)), theirError = exact.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
            passed &= ourError <= Float32ErrorRatio * theirError + 1e-6 * scale;
            report.Add($"{run[i].What}: AutoNet {ourError:G3} from the float64 result, libtorch's float32 {theirError:G3} (largest |value| {scale:G3})");
        }
        Assert.True(passed, $"{name} float32:\n" + string.Join("\n", report));
    }

    /// <summary>How much larger than libtorch's own float32 error (against float64) AutoNet's may be, besides 1e-6 of
    /// the largest value. Measured: AutoNet's error is between 0.3 and 4.1 times libtorch's, the largest ratio for the
    /// query's gradient with batchFirst (1.7e-4 against 4.2e-5, values up to 95).</summary>
    private const double Float32ErrorRatio = 4;

    /// <summary>Runs one case in AutoNet and in TorchSharp: output, weights and every gradient, each named, TorchSharp's
    /// converted to AutoNet tensors (in the layout AutoNet uses).</summary>
    private static List<(string What, Tensor Ours, Tensor Theirs)> Run(string name, DType dtype)
    {
        bool batchFirst = name == "batch first", unbatched = name == "unbatched", self = name == "self" || name == "causal";
        var mha = new MultiheadAttention(8, 2, bias: name != "no bias", batchFirst: batchFirst, dtype: dtype, generator: new Data.NumPyRandomState(11));
        LayerParityTests.Randomize(mha, new Data.NumPyRandomState(12));
        int l = 4, s = self ? 4 : 5, n = 3;
        int[] qShape = unbatched ? [l, 8] : batchFirst ? [n, l, 8] : [l, n, 8], kShape = unbatched ? [s, 8] : batchFirst ? [n, s, 8] : [s, n, 8];
        var query = Random(13, qShape).To(dtype);
        var key = self ? query : Random(14, kShape).To(dtype);
        var value = self ? query : Random(15, kShape).To(dtype);
        var (attnMask, padding) = name switch
        {
            "bool mask" => (Masked(16, l, s), (Tensor?)null),
            "float mask" => (Random(17, l, s).To(dtype), null),
            "key padding bool" => (null, Tensor.From(new[] { false, true, false, false, true, false, false, false, false, false, true, true, false, false, false }, n, s)),
            "key padding and bool mask" => (Masked(19, l, s), Masked(20, n, s)),
            "causal" => (Tensor.Ones(l, s).Triu(1).Gt(0.0), null),
            _ => ((Tensor?)null, (Tensor?)null),
        };
        foreach (var x in new[] { query, key, value }) x.RequiresGrad = true;
        var torchModule = (TorchModules.MultiheadAttention)mha.ToTorchModule();

        var (output, weights) = name == "causal" ? mha.Forward(query, key, value, isCausal: true) : mha.Forward(query, key, value, attnMask, padding);
        var gOut = Random(21, output.Shape.ToArray()).To(dtype);
        var w = weights!;
        var gW = Random(22, w.Shape.ToArray()).To(dtype);
        var parameters = mha.NamedParameters().ToList();
        Assert.Equal(name == "no bias" ? 2 : 4, parameters.Count);
        var inputs = self ? new[] { query } : [query, key, value];
        var grads = Autograd.Grad([(output * gOut).Sum() + (w * gW).Sum()], [.. inputs, .. parameters.Select(p => (Tensor)p.Parameter)]);

        var tq = Layout(query, batchFirst).ToTorch(requiresGrad: true);
        var tk = self ? tq : Layout(key, batchFirst).ToTorch(requiresGrad: true);
        var tv = self ? tq : Layout(value, batchFirst).ToTorch(requiresGrad: true);
        var torchMask = attnMask is null ? null : attnMask.DType == DType.Bool ? Tensor.Zeros([l, s], dtype).MaskedFill(attnMask, double.NegativeInfinity) : attnMask;
        var (tOut, tW) = unbatched
            ? torchModule.forward(tq.unsqueeze(1), tk.unsqueeze(1), tv.unsqueeze(1), null, true, torchMask?.ToTorch())
            : torchModule.forward(tq, tk, tv, padding?.ToTorch(), true, torchMask?.ToTorch());
        if (unbatched) (tOut, tW) = (tOut.squeeze(1), tW.squeeze(0));
        var tLoss = (tOut * Layout(gOut, batchFirst).ToTorch()).sum() + (tW * gW.ToTorch()).sum();
        var torchParameters = torchModule.named_parameters().ToDictionary(p => p.name, p => (torch.Tensor)p.parameter);
        var tInputs = self ? new[] { tq } : [tq, tk, tv];
        var tGrads = torch.autograd.grad([tLoss], [.. tInputs, .. parameters.Select(p => torchParameters[p.Name])]);

        var run = new List<(string, Tensor, Tensor)> { ("output", output, Layout(tOut.ToAutoNet(), batchFirst)), ("weights", w, tW.ToAutoNet()) };
        for (int i = 0; i < inputs.Length; i++) run.Add(($"gradient of input {i}", grads[i]!, Layout(tGrads[i].ToAutoNet(), batchFirst)));
        for (int i = 0; i < parameters.Count; i++) run.Add(("gradient of " + parameters[i].Name, grads[inputs.Length + i]!, tGrads[inputs.Length + i].ToAutoNet()));
        return run;
    }

    /// <summary>A Bool mask, true (masked) where a normal draw exceeds 0.8, never in column 0 (no row is fully masked).</summary>
    private static Tensor Masked(int seed, int rows, int columns) =>
        (Random(seed, rows, columns) - 10 * Tensor.Arange(columns, DType.Float64).Eq(0.0).To(DType.Float64)).Gt(0.8);

    private static Tensor Layout(Tensor t, bool batchFirst) => batchFirst ? t.Transpose(0, 1).Contiguous() : t;

    [Fact]
    public void Converters_round_trip_keep_settings_and_values()
    {
        var mha = new MultiheadAttention(6, 3, dropout: 0.25, batchFirst: true, generator: new Data.NumPyRandomState(31));
        using var scope = torch.NewDisposeScope();
        var torchModule = mha.ToTorchModule();
        Assert.Equal(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], torchModule.named_parameters().Select(p => p.name));
        var back = Assert.IsType<MultiheadAttention>(torchModule.ToAutoNet());
        Assert.Equal((3, 0.25, true), (back.NumHeads, back.Dropout, back.BatchFirst));
        foreach (var (key, value) in mha.StateDict()) Assert.Equal(value.ToArray(), back.StateDict()[key].ToArray());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(4, false)]
    public void A_TorchSharp_module_made_elsewhere_imports_with_the_head_count_that_reproduces_it(int heads, bool bias)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(41);
        var torchModule = torch.nn.MultiheadAttention(8, heads, bias: bias);
        torchModule.to(torch.float64);
        var imported = Assert.IsType<MultiheadAttention>(torchModule.ToAutoNet());
        Assert.Equal(heads, imported.NumHeads);
        Assert.Equal(bias, imported.InProjBias is not null);
        Assert.True(torchModule.training);
        var x = Random(42, 3, 2, 8);
        var (tOut, _) = torchModule.forward(x.ToTorch(), x.ToTorch(), x.ToTorch(), null, true, null);
        var close = new Close(ParityTolerance.Float64, $"imported multihead attention heads={heads}");
        close.Check("output", imported.Forward(x, x, x).Output, tOut);
        Assert.True(close.Failures.Count == 0, close.ToString());
    }

    [Fact]
    public void A_TorchSharp_module_with_kdim_or_add_bias_kv_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<NotSupportedException>(() => torch.nn.MultiheadAttention(8, 2, kdim: 4, vdim: 4).ToAutoNet());
        Assert.Contains("kdim or vdim", e.Message);
        e = Assert.Throws<NotSupportedException>(() => torch.nn.MultiheadAttention(8, 2, add_bias_kv: true).ToAutoNet());
        Assert.Contains("add_bias_kv", e.Message);
    }
}
