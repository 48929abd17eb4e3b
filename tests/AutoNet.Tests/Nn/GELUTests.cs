using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class GELUTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("gelu_none", "none")]
    [InlineData("gelu_tanh", "tanh")]
    public void Forward_and_gradients_match_PyTorch(string name, string approximate)
    {
        var layer = approximate == "none" ? new GELU() : new GELU(approximate);
        double err = TorchGolden.Check(TorchGolden.Case(name), x => layer.Forward(x["input"]));
        output.WriteLine($"{name}: max relative error vs PyTorch {err:E2}");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("tanh")]
    public void Gradient_matches_central_differences_to_second_order(string approximate)
    {
        var x = Leaves.Normal(new NumPyRandomState(2), 3, 5);
        GradAssert.Passes(t => new GELU(approximate).Forward(t[0] * 2.0), x);
        GradAssert.SecondOrderPasses(t => new GELU(approximate).Forward(t[0] * 2.0), x);
    }

    [Fact]
    public void Exact_gelu_is_x_times_the_normal_cdf()
    {
        // Φ(1) = 0.8413447460685429..., Φ(-1) = 1 - Φ(1).
        var y = new GELU().Forward(Tensor.From([1.0, -1, 0])).ToArray();
        Assert.Equal(0.8413447460685429, y[0], 15);
        Assert.Equal(-(1 - 0.8413447460685429), y[1], 15);
        Assert.Equal(0.0, y[2]);
    }

    [Fact]
    public void Unknown_approximation_is_refused_and_summary_names_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new GELU("erf"));
        Assert.Contains("GELU: approximate must be \"none\" or \"tanh\", got \"erf\"", e.Message);
        Assert.Equal("GELU(approximate='tanh')", new GELU("tanh").ToString());
    }
}
