using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class CrossEntropyLossTests(ITestOutputHelper output)
{
    public static TheoryData<string, Reduction, double> Cases()
    {
        var data = new TheoryData<string, Reduction, double>();
        foreach (var (r, red) in new[] { ("mean", Reduction.Mean), ("sum", Reduction.Sum), ("none", Reduction.None) })
            foreach (var ls in new[] { 0.0, 0.1 })
                data.Add(r, red, ls);
        return data;
    }

    private static string Ls(double ls) => ls == 0 ? "0.0" : "0.1";

    [Theory]
    [MemberData(nameof(Cases))]
    public void Class_index_targets_match_PyTorch_with_and_without_label_smoothing(string r, Reduction reduction, double ls)
    {
        var c = TorchGolden.Case($"cross_entropy_ls{Ls(ls)}_{r}");
        var target = TorchGolden.Ints(c.GetProperty("inputs").GetProperty("target"));
        var loss = new CrossEntropyLoss(reduction, ls);
        double err = TorchGolden.Check(c, x => loss.Forward(x["input"], target));
        output.WriteLine($"cross_entropy ls={ls} {r}: max relative error vs PyTorch {err:E2}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probability_targets_match_PyTorch(string r, Reduction reduction, double ls)
    {
        var loss = new CrossEntropyLoss(reduction, ls);
        double err = TorchGolden.Check(TorchGolden.Case($"cross_entropy_probs_ls{Ls(ls)}_{r}"), x => loss.Forward(x["input"], x["target"]));
        output.WriteLine($"cross_entropy probabilities ls={ls} {r}: max relative error vs PyTorch {err:E2}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Logits_of_plus_minus_1000_give_finite_losses_equal_to_PyTorch(double ls)
    {
        var c = TorchGolden.Case($"cross_entropy_extreme_ls{Ls(ls)}");
        var target = TorchGolden.Ints(c.GetProperty("inputs").GetProperty("target"));
        double err = TorchGolden.Check(c, x =>
        {
            var l = new CrossEntropyLoss(Reduction.None, ls).Forward(x["input"], target);
            Assert.All(l.ToArray(), v => Assert.True(double.IsFinite(v)));
            return l;
        });
        output.WriteLine($"cross_entropy extreme ls={ls}: max relative error vs PyTorch {err:E2}");
        // Row 0 = [1000, -1000, 0] with target 1: -log softmax = 2000 exactly.
        var l0 = new CrossEntropyLoss(Reduction.None).Forward(Tensor.From([1000.0, -1000, 0], 1, 3), [1]);
        Assert.Equal(2000.0, l0.Item());
    }

    [Fact]
    public void Equals_LogSoftmax_then_NLLLoss_and_a_class_index_tensor_target()
    {
        var rng = new NumPyRandomState(11);
        var x = rng.Randn(4, 3);
        int[] t = [2, 0, 1, 1];
        double ce = new CrossEntropyLoss().Forward(x, t).Item();
        Assert.Equal(new NLLLoss().Forward(x.LogSoftmax(1), t).Item(), ce, 15);
        Assert.Equal(ce, new CrossEntropyLoss().Forward(x, Tensor.From([2.0, 0, 1, 1])).Item());
    }

    [Fact]
    public void Gradient_matches_central_differences_with_label_smoothing()
    {
        var rng = new NumPyRandomState(12);
        GradAssert.Passes(t => new CrossEntropyLoss(Reduction.Mean, 0.2).Forward(t[0], [1, 0, 2]), Leaves.Normal(rng, 3, 3));
        var probs = rng.Rand(3, 3);
        GradAssert.Passes(t => new CrossEntropyLoss(Reduction.Sum, 0.1).Forward(t[0], probs), Leaves.Normal(rng, 3, 3));
    }

    [Fact]
    public void Bad_targets_and_settings_are_refused_with_clear_messages()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss().Forward(x, [0, 3]));
        Assert.StartsWith("CrossEntropyLoss: target[1] = 3 is not a class index for 3 classes; expected 0 <= target < 3.", e.Message);
        var a = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(x, [0, 1, 2]));
        Assert.Equal("CrossEntropyLoss: input has 2 rows (shape [2, 3]) but 3 class indices were given; expected one per row.", a.Message);
        // [2, 3, 4] is a K-dim input now ([N, C, d1]): it takes a target of shape [2, 4].
        a = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 3, 4), [0, 1]));
        Assert.Equal("CrossEntropyLoss: input of shape [2, 3, 4] takes 8 class indices (a target of shape [2, 4], row-major), got 2.", a.Message);
        a = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(x, Tensor.Zeros(2, 4)));
        Assert.Equal("CrossEntropyLoss: input shape [2, 3] and target shape [2, 4] differ; expected a target of shape [2, 3].", a.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: 1.5));
        Assert.Contains("CrossEntropyLoss: labelSmoothing must be in [0, 1], got 1.5", e.Message);
        Assert.Equal("CrossEntropyLoss(reduction=Mean, label_smoothing=0.0)", new CrossEntropyLoss().ToString());
    }
}
