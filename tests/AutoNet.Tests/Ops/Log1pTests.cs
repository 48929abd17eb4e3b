using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Ops;

public class Log1pTests
{
    [Fact]
    public void Is_accurate_near_zero_where_log_of_one_plus_x_is_not()
    {
        var y = Tensor.From([1e-20, 1e-10, 0, -0.5, 1, -1]).Log1p().ToArray();
        Assert.Equal(1e-20, y[0]);
        Assert.True(Math.Abs(y[1] - (1e-10 - 5e-21)) <= 1e-25, $"log1p(1e-10) = {y[1]:R}");
        Assert.Equal(0.0, y[2]);
        Assert.Equal(Math.Log(0.5), y[3], 15);
        Assert.Equal(Math.Log(2), y[4], 15);
        Assert.Equal(double.NegativeInfinity, y[5]);
    }

    [Fact]
    public void Gradient_is_one_over_one_plus_x_and_passes_second_order_checks()
    {
        var x = Tensor.From([0.5, 3, -0.75]);
        x.RequiresGrad = true;
        x.Log1p().Sum().Backward();
        Assert.Equal(new[] { 1 / 1.5, 0.25, 4 }, x.Grad!.ToArray());
        var r = new NumPyRandomState(4).Rand(6);
        r.RequiresGrad = true;
        GradAssert.Passes(t => t[0].Log1p(), r);
        GradAssert.SecondOrderPasses(t => t[0].Log1p(), r);
    }
}
