using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Nn;

/// <summary>
/// CrossEntropy and NllLoss with class weights, ignoreIndex, K-dim and unbatched inputs and Int64 targets: gradient
/// checks (first and second order), PyTorch 1.13's rules that the recording shows (ClassLossFixtureTests), and errors.
/// </summary>
public class ClassLossOptionsTests
{
    private static readonly Tensor Weight = Tensor.From([0.5, 2.0, 1.5]);

    public static TheoryData<string> Layouts => new() { "2d", "k1", "k2", "unbatched" };

    private static (Tensor Input, Tensor Target) Layout(string name, int seed) => name switch
    {
        "2d" => (Normal(seed, [4, 3]), Tensor.From([0L, 2, -100, 1], 4)),
        "k1" => (Normal(seed, [2, 3, 4]), Tensor.From([0L, 2, 1, -100, 2, 2, 0, 1], 2, 4)),
        "k2" => (Normal(seed, [2, 3, 2, 2]), Tensor.From([1L, 0, 2, 2, 1, -100, 0, 0], 2, 2, 2)),
        _ => (Normal(seed, [3]), Tensor.From([2L], 1).Reshape()),
    };

    [Theory, MemberData(nameof(Layouts))]
    public void GradCheck_WithWeightIgnoreIndexAndSmoothing(string layout)
    {
        var (x, t) = Layout(layout, 401);
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            GradAssert.Passes(v => F.CrossEntropy(v[0], t, reduction, 0.2, Weight), x);
            GradAssert.Passes(v => F.NllLoss(v[0], t, reduction, Weight), x);
        }
    }

    [Theory, MemberData(nameof(Layouts))]
    public void GradGradCheck_WithWeightIgnoreIndexAndSmoothing(string layout)
    {
        var (x, t) = Layout(layout, 402);
        GradAssert.SecondOrderPasses(v => F.CrossEntropy(v[0], t, Reduction.Mean, 0.1, Weight), x);
        GradAssert.SecondOrderPasses(v => F.CrossEntropy(v[0], t, Reduction.None), x);
        // NLL is linear in its input: its gradient does not depend on x, the check differentiates through grad_output.
        GradAssert.SecondOrderPasses(v => F.NllLoss(v[0], t, Reduction.None, Weight) * v[0].Sum(), x);
    }

    /// <summary>torch 1.13: nll_loss of x [4, 3] at targets [0, 2, -100, 1] with weight [0.5, 2, 1.5] is
    /// -(0.5·x[0,0] + 1.5·x[1,2] + 2·x[3,1]) / (0.5 + 1.5 + 2), and its gradient -w[y]/4 at the picked places.</summary>
    [Fact]
    public void WeightedMean_DividesByTheWeightsOfTheTargetsNotIgnored()
    {
        var x = Leaf([.. Enumerable.Range(0, 12).Select(i => 0.25 * i - 1)], 4, 3);
        var loss = F.NllLoss(x, Tensor.From([0L, 2, -100, 1], 4), weight: Weight);
        Assert.Equal(-(0.5 * -1.0 + 1.5 * 0.25 + 2.0 * 1.5) / 4.0, loss.Item(), 15);
        loss.Backward();
        Assert.Equal([-0.125, 0, 0, 0, 0, -0.375, 0, 0, 0, 0, -0.5, 0], x.Grad!.ToArray());
    }

    /// <summary>torch 1.13: every target ignored gives NaN for the mean (0 / 0), 0 for the sum, and a zero gradient,
    /// with label smoothing too.</summary>
    [Fact]
    public void AllIgnored_MeanIsNaN_WithAZeroGradient()
    {
        var x = Normal(403, [3, 3]);
        var t = Tensor.From([-100L, -100, -100], 3);
        var mean = F.CrossEntropy(x, t, labelSmoothing: 0.1);
        Assert.True(double.IsNaN(mean.Item()));
        mean.Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0.0, g));
        Assert.Equal(0.0, F.NllLoss(x, t, Reduction.Sum).Item());
        Assert.True(double.IsNaN(F.NllLoss(x, t).Item()));
    }

    [Fact]
    public void Unbatched_NoneGivesAZeroDimLoss_AndAnIgnoredTargetGivesZero()
    {
        var x = Tensor.From([0.5, -1.0, 2.0]);
        var l = F.CrossEntropy(x, Tensor.From([1L], 1).Reshape(), Reduction.None);
        Assert.Equal([], l.ShapeArray);
        Assert.Equal(-x.LogSoftmax(0).ToArray()[1], l.Item(), 15);
        Assert.Equal(0.0, F.NllLoss(x, [-100], Reduction.None).Item());
        Assert.Equal([], F.NllLoss(x, [-100], Reduction.None).ShapeArray);
    }

    [Fact]
    public void KDim_IsTheSameAsMovingTheClassDimLast()
    {
        var x = Normal(404, [2, 3, 4]);
        var t = Tensor.From([0L, 2, 1, 0, 2, 2, 0, 1], 2, 4);
        var kdim = F.CrossEntropy(x, t, Reduction.None, weight: Weight).ToArray();
        var rows = F.CrossEntropy(x.Transpose(1, 2).Reshape(8, 3), t.ToArray().Select(v => (int)v).ToArray(), Reduction.None, weight: Weight).ToArray();
        Assert.Equal(rows, kdim);
    }

    [Fact]
    public void Float32_KeepsItsDType_AndIgnoreIndexMayBeAClass()
    {
        var x = Tensor.From([0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], 2, 3);
        var l = F.CrossEntropy(x, [1, 2], Reduction.Mean, ignoreIndex: 1, weight: Tensor.From([1f, 1f, 3f]));
        Assert.Equal(DType.Float32, l.DType);
        Assert.Equal(-x.To(DType.Float64).LogSoftmax(1).ToArray()[5], l.Item(), 6);   // only target 2 counts
    }

    [Fact]
    public void BadWeightsTargetsAndOptions_AreRefused_WithTheLossNamed()
    {
        var x = Tensor.Zeros(2, 3);
        var a = Assert.Throws<ArgumentException>(() => F.CrossEntropy(x, [0, 1], weight: Tensor.From([1.0, 2.0])));
        Assert.Equal("CrossEntropyLoss: weight must be a float tensor of shape [3] (one weight per class), got a float64 tensor of shape [2].", a.Message);
        var w = Tensor.From([1.0, 2.0, 3.0]);
        w.RequiresGrad = true;
        a = Assert.Throws<ArgumentException>(() => F.NllLoss(x, [0, 1], weight: w));
        Assert.StartsWith("NLLLoss: weight requires grad, but the loss is not differentiable with respect to its class weights", a.Message);
        Assert.Throws<ArgumentException>(() => new NLLLoss(weight: w));
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss(weight: Tensor.From([1L, 2])));
        a = Assert.Throws<ArgumentException>(() => F.CrossEntropy(x, Tensor.From([0L, 1, 2, 0, 1, 2], 2, 3)));
        Assert.Equal("CrossEntropyLoss: input of shape [2, 3] takes class-index targets of shape [2], got shape [2, 3].", a.Message);
        a = Assert.Throws<ArgumentException>(() => F.NllLoss(x, Tensor.From([true, false])));
        Assert.StartsWith("NLLLoss: target is a bool tensor; expected class indices (int64) of shape [2].", a.Message);
        a = Assert.Throws<ArgumentException>(() => F.CrossEntropy(x, Tensor.Full([2, 3], 1.0 / 3), ignoreIndex: 0));
        Assert.StartsWith("CrossEntropyLoss: ignoreIndex 0 does not apply to class-probability targets", a.Message);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => F.NllLoss(Tensor.Zeros(2, 3, 2), Tensor.From([0L, 1, 3, -100], 2, 2)));
        Assert.StartsWith("NLLLoss: target[1, 0] = 3 is not a class index for 3 classes; expected 0 <= target < 3. (ignoreIndex -100 marks a target to skip.)", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => F.NllLoss(x, [0, 1], (Reduction)7));
        Assert.StartsWith("NLLLoss: reduction must be Mean, Sum or None.", e.Message);
    }

    [Fact]
    public void Modules_KeepTheirOptions()
    {
        var ce = new CrossEntropyLoss(Reduction.Sum, 0.1, Weight, ignoreIndex: 2);
        Assert.Equal((Reduction.Sum, 0.1, 2), (ce.Reduction, ce.LabelSmoothing, ce.IgnoreIndex));
        Assert.Same(Weight, ce.Weight);
        Assert.Equal("CrossEntropyLoss(reduction=Sum, label_smoothing=0.1, ignore_index=2)", ce.ToString());
        var x = Normal(405, [3, 3]);
        Assert.Equal(F.CrossEntropy(x, [0, 2, 1], Reduction.Sum, 0.1, Weight, 2).Item(), ce.Forward(x, [0, 2, 1]).Item());
        var nll = new NLLLoss(weight: Weight, ignoreIndex: 0);
        Assert.Equal(F.NllLoss(x, [0, 2, 1], weight: Weight, ignoreIndex: 0).Item(), nll.Forward(x, Tensor.From([0L, 2, 1], 3)).Item());
        Assert.Equal("NLLLoss(reduction=Mean)", nll.ToString());
    }
}
