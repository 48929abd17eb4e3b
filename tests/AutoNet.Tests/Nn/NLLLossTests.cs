using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class NLLLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("mean", Reduction.Mean)]
    [InlineData("sum", Reduction.Sum)]
    [InlineData("none", Reduction.None)]
    public void Loss_and_gradients_match_PyTorch(string name, Reduction reduction)
    {
        var c = TorchGolden.Case($"nll_{name}");
        var target = TorchGolden.Ints(c.GetProperty("inputs").GetProperty("target"));
        var loss = new NLLLoss(reduction);
        double err = TorchGolden.Check(c, x => loss.Forward(x["input"], target));
        output.WriteLine($"nll_{name}: max relative error vs PyTorch {err:E2}");
        // The same with the class indices in a tensor.
        var asTensor = loss.Forward(TorchGolden.Tensor(c.GetProperty("inputs").GetProperty("input")), Tensor.From(target.Select(t => (double)t).ToArray()));
        TorchGolden.AssertClose(c.GetProperty("output"), asTensor, "output (tensor target)");
    }

    [Fact]
    public void Picks_minus_the_log_probability_of_each_target()
    {
        var logp = Tensor.From([-0.1, -2.0, -3.0, -0.5], 2, 2);
        Assert.Equal((0.1 + 0.5) / 2, new NLLLoss().Forward(logp, [0, 1]).Item(), 15);
        GradAssert.Passes(t => new NLLLoss(Reduction.Sum).Forward(t[0], [2, 0, 1]), Leaves.Normal(new NumPyRandomState(10), 3, 3));
    }

    [Fact]
    public void Bad_targets_are_refused_naming_index_value_and_class_count()
    {
        var x = Tensor.Zeros(3, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NLLLoss().Forward(x, [0, 4, 1]));
        Assert.StartsWith("NLLLoss: target[1] = 4 is not a class index for 4 classes; expected 0 <= target < 4.", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new NLLLoss().Forward(x, [0, 1, -1]));
        Assert.StartsWith("NLLLoss: target[2] = -1 is not a class index for 4 classes", e.Message);
        var a = Assert.Throws<ArgumentException>(() => new NLLLoss().Forward(x, [0, 1]));
        Assert.Equal("NLLLoss: input has 3 rows (shape [3, 4]) but 2 class indices were given; expected one per row.", a.Message);
        // A [C] input is unbatched now (one target); a 0-d input has no class dim.
        a = Assert.Throws<ArgumentException>(() => new NLLLoss().Forward(Tensor.Scalar(1.0), [0]));
        Assert.StartsWith("NLLLoss: expected input of shape [C], [N, C] or [N, C, d1, ...] (class scores), got a 0-d tensor.", a.Message);
        a = Assert.Throws<ArgumentException>(() => new NLLLoss().Forward(x, Tensor.From([0.0, 1.5, 2])));
        Assert.Equal("NLLLoss: target[1] = 1.5 is not a class index; expected whole numbers (an int64 tensor or an int[]).", a.Message);
    }
}
