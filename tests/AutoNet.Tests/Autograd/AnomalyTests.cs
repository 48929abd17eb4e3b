using Xunit;

namespace AutoNet.Tests.AutogradEngine;

public class AnomalyTests
{
    [Fact]
    public void DetectAnomaly_throws_at_the_first_nan_in_forward_naming_the_op()
    {
        var x = Tensor.From([-1.0, 4]);
        x.RequiresGrad = true;
        Assert.True(double.IsNaN(x.Sqrt().ToArray()[0])); // without detection: a silent NaN
        using (AutoNet.Autograd.DetectAnomaly())
        {
            var e = Assert.Throws<ArithmeticException>(() => x.Sqrt());
            Assert.Contains("Sqrt", e.Message);
            Assert.Contains("forward", e.Message);
            Assert.Contains("created at AnomalyTests.cs:", e.Message);
        }
    }

    [Fact]
    public void DetectAnomaly_throws_at_the_first_infinity_in_backward_naming_the_op()
    {
        var x = Tensor.From([0.0, 4]);
        x.RequiresGrad = true;
        using (AutoNet.Autograd.DetectAnomaly())
        {
            var y = x.Sqrt().Sum(); // forward is finite; d/dx √x = 1/(2√x) is infinite at 0
            var e = Assert.Throws<ArithmeticException>(() => y.Backward());
            Assert.Contains("backward of Sqrt (created at AnomalyTests.cs:", e.Message);
        }
    }
}
