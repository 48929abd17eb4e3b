using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class MSELossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("mean", Reduction.Mean)]
    [InlineData("sum", Reduction.Sum)]
    [InlineData("none", Reduction.None)]
    public void Loss_and_gradients_match_PyTorch(string name, Reduction reduction)
    {
        var loss = new MSELoss(reduction);
        double err = TorchGolden.Check(TorchGolden.Case($"mse_{name}"), x => loss.Forward(x["input"], x["target"]));
        output.WriteLine($"mse_{name}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Is_the_mean_of_squared_differences()
    {
        Assert.Equal((1 + 4 + 0.25) / 3, new MSELoss().Forward(Tensor.From([1.0, 2, 3]), Tensor.From([0.0, 4, 3.5])).Item(), 15);
        var rng = new NumPyRandomState(7);
        var x = Leaves.Normal(rng, 3, 2);
        var y = Leaves.Normal(rng, 3, 2);
        GradAssert.Passes(t => new MSELoss(Reduction.None).Forward(t[0], t[1]), x, y);
    }

    [Fact]
    public void Shape_mismatch_is_refused_instead_of_broadcast()
    {
        var e = Assert.Throws<ArgumentException>(() => new MSELoss().Forward(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Equal("MSELoss: input shape [4, 1] and target shape [4] differ; expected a target of shape [4, 1].", e.Message);
        Assert.Equal("MSELoss(reduction=Mean)", new MSELoss().ToString());
    }
}
