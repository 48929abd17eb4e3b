using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class HuberLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("1.0", 1.0, "mean", Reduction.Mean)]
    [InlineData("1.0", 1.0, "sum", Reduction.Sum)]
    [InlineData("1.0", 1.0, "none", Reduction.None)]
    [InlineData("0.5", 0.5, "mean", Reduction.Mean)]
    [InlineData("0.5", 0.5, "sum", Reduction.Sum)]
    [InlineData("0.5", 0.5, "none", Reduction.None)]
    public void Loss_and_gradients_match_PyTorch_including_the_boundary(string d, double delta, string r, Reduction reduction)
    {
        var loss = delta == 1.0 ? new HuberLoss(reduction) : new HuberLoss(reduction, delta);
        string name = $"huber_{d}_{r}";
        double err = TorchGolden.Check(TorchGolden.Case(name), x => loss.Forward(x["input"], x["target"]));
        output.WriteLine($"{name}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Quadratic_inside_delta_linear_outside_and_gradient_clipped_at_delta()
    {
        var x = Tensor.From([0.5, -3, 2, 0]);
        x.RequiresGrad = true;
        var l = new HuberLoss(Reduction.None, 2.0).Forward(x, Tensor.Zeros(4));
        Assert.Equal(new[] { 0.125, 2 * (3 - 1.0), 2 * (2 - 1.0), 0 }, l.ToArray());
        l.Sum().Backward();
        Assert.Equal(new[] { 0.5, -2, 2, 0 }, x.Grad!.ToArray());
        var rng = new NumPyRandomState(9);
        GradAssert.Passes(t => new HuberLoss(Reduction.Sum, 0.7).Forward(t[0], t[1]), Leaves.Normal(rng, 6), Leaves.Normal(rng, 6));
    }

    [Fact]
    public void Bad_delta_and_shapes_are_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta: 0));
        Assert.Contains("HuberLoss: delta must be a positive number, got 0", e.Message);
        var a = Assert.Throws<ArgumentException>(() => new HuberLoss().Forward(Tensor.Zeros(2, 2), Tensor.Zeros(2)));
        Assert.StartsWith("HuberLoss: input shape [2, 2] and target shape [2] differ", a.Message);
        Assert.Equal("HuberLoss(reduction=Mean, delta=1.0)", new HuberLoss().ToString());
    }
}
