using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class LeakyReLUTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("leaky_relu_default", null)]
    [InlineData("leaky_relu_0.2", 0.2)]
    public void Forward_and_gradients_match_PyTorch(string name, double? slope)
    {
        var layer = slope is null ? new LeakyReLU() : new LeakyReLU(slope.Value);
        double err = TorchGolden.Check(TorchGolden.Case(name), x => layer.Forward(x["input"]));
        output.WriteLine($"{name}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Default_slope_is_one_hundredth_and_zero_takes_the_negative_slope_gradient()
    {
        var layer = new LeakyReLU();
        Assert.Equal(0.01, layer.NegativeSlope);
        var x = Tensor.From([-2.0, 0, 3]);
        x.RequiresGrad = true;
        var y = layer.Forward(x);
        Assert.Equal(new[] { -0.02, 0, 3 }, y.ToArray());
        y.Sum().Backward();
        Assert.Equal(new[] { 0.01, 0.01, 1 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        var rng = new NumPyRandomState(1);
        GradAssert.Passes(x => new LeakyReLU(0.3).Forward(x[0]), Leaves.Normal(rng, 3, 4));
    }

    [Fact]
    public void Float32_and_summary()
    {
        var y = new LeakyReLU(0.5).Forward(Tensor.From([-2f, 4f]));
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new[] { -1.0, 4 }, y.ToArray());
        Assert.Equal("LeakyReLU(negative_slope=0.01)", new LeakyReLU().ToString());
    }

    [Fact]
    public void A_non_finite_slope_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(double.NaN));
        Assert.Contains("LeakyReLU: negativeSlope must be a finite number, got NaN", e.Message);
    }
}
