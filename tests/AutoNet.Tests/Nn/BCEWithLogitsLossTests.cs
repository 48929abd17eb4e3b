using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class BCEWithLogitsLossTests(ITestOutputHelper output)
{
    private static Reduction Parse(string r) => r switch { "mean" => Reduction.Mean, "sum" => Reduction.Sum, _ => Reduction.None };

    [Theory]
    [InlineData("bce_logits_mean")]
    [InlineData("bce_logits_sum")]
    [InlineData("bce_logits_none")]
    [InlineData("bce_logits_pos_weight_mean")]
    [InlineData("bce_logits_pos_weight_sum")]
    [InlineData("bce_logits_pos_weight_none")]
    [InlineData("bce_logits_weight_pos_weight_mean")]
    public void Loss_and_gradients_for_input_and_target_match_PyTorch(string name)
    {
        var c = TorchGolden.Case(name);
        var o = c.GetProperty("options");
        var pw = o.TryGetProperty("pos_weight", out var p) ? TorchGolden.Tensor(p) : null;
        var w = o.TryGetProperty("weight", out var q) ? TorchGolden.Tensor(q) : null;
        var loss = new BCEWithLogitsLoss(Parse(o.GetProperty("reduction").GetString()!), pw, w);
        double err = TorchGolden.Check(c, x => loss.Forward(x["input"], x["target"]));
        output.WriteLine($"{name}: max relative error vs PyTorch {err:E2}");
    }

    [Theory]
    [InlineData("bce_logits_extreme")]
    [InlineData("bce_logits_extreme_pos_weight")]
    public void Logits_of_plus_minus_1000_give_finite_exact_losses_and_gradients(string name)
    {
        // PyTorch 1.13's own float64 values lose digits where the loss is below ~1e-13 (x = ±30 here), so these
        // are held to values computed with mpmath at 50 digits; elsewhere they equal PyTorch's too.
        var c = TorchGolden.Case(name);
        var o = c.GetProperty("options");
        var pw = o.TryGetProperty("pos_weight", out var p) ? TorchGolden.Tensor(p) : null;
        var x = TorchGolden.Tensor(c.GetProperty("inputs").GetProperty("input"), requiresGrad: true);
        var y = TorchGolden.Tensor(c.GetProperty("inputs").GetProperty("target"));
        var loss = F.BinaryCrossEntropyWithLogits(x, y, Reduction.None, pw);
        Assert.All(loss.ToArray(), v => Assert.True(double.IsFinite(v)));
        var exact = c.GetProperty("exact");
        double err = TorchGolden.AssertClose(exact.GetProperty("output").EnumerateArray().Select(v => v.GetDouble()).ToArray(), loss.ToArray(), "loss vs mpmath", 1e-15);
        loss.Sum().Backward();
        err = Math.Max(err, TorchGolden.AssertClose(exact.GetProperty("d_input").EnumerateArray().Select(v => v.GetDouble()).ToArray(), x.Grad!.ToArray(), "grad vs mpmath", 1e-15));
        // And element by element, relative to each value itself (the ±30 entries are near 1e-13).
        var exactLoss = exact.GetProperty("output").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var exactGrad = exact.GetProperty("d_input").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double own = 0;
        var (l, g) = (loss.ToArray(), x.Grad!.ToArray());
        for (int i = 0; i < l.Length; i++)
        {
            if (exactLoss[i] != 0) own = Math.Max(own, Math.Abs(l[i] - exactLoss[i]) / Math.Abs(exactLoss[i]));
            else Assert.Equal(0.0, l[i]);
            if (exactGrad[i] != 0) own = Math.Max(own, Math.Abs(g[i] - exactGrad[i]) / Math.Abs(exactGrad[i]));
            else Assert.Equal(0.0, g[i]);
        }
        Assert.True(own <= 1e-14, $"largest element-wise relative error vs mpmath {own:E2}");
        output.WriteLine($"{name}: max relative error vs mpmath {err:E2}, element-wise {own:E2}");
        // x = 1000, -1000, 1000, -1000 against y = 1, 0, 0, 1: right, right, wrong, wrong (the last weighted by pw).
        Assert.Equal(pw is null ? new[] { 0.0, 0, 1000, 1000 } : new[] { 0.0, 0, 1000, 3000 }, loss.ToArray()[..4]);
    }

    [Fact]
    public void Reductions_relate_as_mean_equals_sum_over_count()
    {
        var rng = new NumPyRandomState(3);
        var x = rng.Randn(5, 2);
        var y = rng.Rand(5, 2);
        double none = new BCEWithLogitsLoss(Reduction.None).Forward(x, y).ToArray().Sum();
        double sum = new BCEWithLogitsLoss(Reduction.Sum).Forward(x, y).Item();
        double mean = new BCEWithLogitsLoss().Forward(x, y).Item();
        Assert.Equal(none, sum, 14);
        Assert.Equal(sum / 10, mean, 15);
    }

    [Fact]
    public void Agrees_with_sigmoid_then_BCELoss_at_moderate_logits()
    {
        var rng = new NumPyRandomState(4);
        var x = rng.Randn(6);
        var y = rng.Rand(6);
        Assert.Equal(new BCELoss().Forward(x.Sigmoid(), y).Item(), new BCEWithLogitsLoss().Forward(x, y).Item(), 14);
    }

    [Fact]
    public void Gradient_matches_central_differences_through_the_loss_with_weights()
    {
        var rng = new NumPyRandomState(5);
        var x = Leaves.Normal(rng, 4, 3);
        var y = rng.Rand(4, 3);
        var loss = new BCEWithLogitsLoss(Reduction.Mean, posWeight: Tensor.From([0.5, 1, 2]), weight: Tensor.From([1.0, 2, 3]));
        GradAssert.Passes(t => loss.Forward(t[0], y), x);
    }

    [Fact]
    public void Targets_outside_zero_one_are_refused_naming_the_loss_value_and_place()
    {
        var e = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss().Forward(Tensor.Zeros(2, 2), Tensor.From([0.0, 1, 1.5, 0], 2, 2)));
        Assert.Equal("BCEWithLogitsLoss: every target value must be in [0, 1], got 1.5 at flat index 2 (target shape [2, 2]).", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss().Forward(Tensor.Zeros(2), Tensor.From([double.NaN, 0])));
        Assert.Contains("got NaN at flat index 0", e.Message);
    }

    [Fact]
    public void Shape_dtype_and_pos_weight_mismatches_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss().Forward(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Equal("BCEWithLogitsLoss: input shape [4, 1] and target shape [4] differ; expected a target of shape [4, 1].", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss().Forward(Tensor.Zeros(2), Tensor.Zeros([2], DType.Float32)));
        Assert.Contains("BCEWithLogitsLoss: input is float64 but target is float32", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss(posWeight: Tensor.Ones(3)).Forward(Tensor.Zeros(4, 2), Tensor.Zeros(4, 2)));
        Assert.Contains("BCEWithLogitsLoss: posWeight of shape [3] cannot be broadcast to the input shape [4, 2]", e.Message);
    }

    [Fact]
    public void Float32_works_and_summary_names_the_reduction()
    {
        var l = new BCEWithLogitsLoss(Reduction.Sum).Forward(Tensor.From([0f, 0f]), Tensor.From([1f, 0f]));
        Assert.Equal(DType.Float32, l.DType);
        Assert.Equal((float)(2 * Math.Log(2)), (float)l.Item());
        Assert.Equal("BCEWithLogitsLoss(reduction=Sum)", new BCEWithLogitsLoss(Reduction.Sum).ToString());
    }
}
