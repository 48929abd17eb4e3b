using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class L1LossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("mean", Reduction.Mean)]
    [InlineData("sum", Reduction.Sum)]
    [InlineData("none", Reduction.None)]
    public void Loss_and_gradients_match_PyTorch_including_a_tie(string name, Reduction reduction)
    {
        var loss = new L1Loss(reduction);
        double err = TorchGolden.Check(TorchGolden.Case($"l1_{name}"), x => loss.Forward(x["input"], x["target"]));
        output.WriteLine($"l1_{name}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Gradient_is_the_sign_and_zero_at_a_tie()
    {
        var x = Tensor.From([1.0, 2, 3]);
        x.RequiresGrad = true;
        new L1Loss(Reduction.Sum).Forward(x, Tensor.From([0.0, 2, 5])).Backward();
        Assert.Equal(new[] { 1.0, 0, -1 }, x.Grad!.ToArray());
        var rng = new NumPyRandomState(8);
        GradAssert.Passes(t => new L1Loss().Forward(t[0], t[1]), Leaves.Normal(rng, 5), Leaves.Normal(rng, 5));
    }

    [Fact]
    public void Shape_mismatch_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new L1Loss().Forward(Tensor.Zeros(3), Tensor.Zeros(2)));
        Assert.Equal("L1Loss: input shape [3] and target shape [2] differ; expected a target of shape [3].", e.Message);
    }
}
