using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>The op behind Nn.LeakyReLU (whose PyTorch comparison is in Nn/LeakyReLUTests).</summary>
public class LeakyReluTests
{
    [Fact]
    public void NaN_stays_NaN_and_the_second_derivative_is_zero()
    {
        var x = Tensor.From([double.NaN, -1, 2]);
        x.RequiresGrad = true;
        var y = x.LeakyRelu(0.1);
        Assert.True(double.IsNaN(y.ToArray()[0]));
        Assert.Equal(new[] { -0.1, 2 }, y.ToArray()[1..]);
        var g = Autograd.Grad([y.Sum()], [x], createGraph: true)[0]!;
        Assert.Equal(new[] { 0.1, 0.1, 1 }, g.ToArray());
        Assert.Equal("LeakyRelu(0.1)", y.GradFn!.Name);
        // The gradient is piecewise constant: even under createGraph it does not depend on x (second derivative 0).
        Assert.False(g.RequiresGrad);
    }

    [Fact]
    public void Float32_keeps_its_dtype_and_negative_slope_may_exceed_one()
    {
        var y = Tensor.From([-2f, 3f]).LeakyRelu(1.5);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new[] { -3.0, 3 }, y.ToArray());
    }
}
