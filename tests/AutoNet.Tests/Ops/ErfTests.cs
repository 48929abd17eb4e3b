using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Ops;

public class ErfTests(ITestOutputHelper output)
{
    [Fact]
    public void Values_and_gradient_match_PyTorch()
    {
        double err = TorchGolden.Check(TorchGolden.Case("erf"), x => x["input"].Erf());
        output.WriteLine($"erf: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Values_are_within_two_ulp_of_the_exact_ones()
    {
        var c = TorchGolden.Case("erf");
        var x = TorchGolden.Data(c.GetProperty("inputs").GetProperty("input"));
        var exact = c.GetProperty("exact").GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var y = Tensor.From(x).Erf().ToArray();
        long worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(y[i]) - BitConverter.DoubleToInt64Bits(exact[i]));
            Assert.True(ulps <= 2, $"erf({x[i]:R}) = {y[i]:R}, exact {exact[i]:R} ({ulps} ulp)");
            worst = Math.Max(worst, ulps);
        }
        output.WriteLine($"erf: at most {worst} ulp from mpmath over {x.Length} arguments");
    }

    [Fact]
    public void Special_values_and_float32()
    {
        var y = Tensor.From([double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0]).Erf().ToArray();
        Assert.Equal(1.0, y[0]);
        Assert.Equal(-1.0, y[1]);
        Assert.True(double.IsNaN(y[2]));
        Assert.True(double.IsNegative(y[3]) && y[3] == 0);
        var f = Tensor.From([0.5f]).Erf();
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal((float)0.5204998778130465, (float)f.Item());
    }

    [Fact]
    public void Gradient_matches_central_differences_including_second_order()
    {
        var x = Leaves.Normal(new NumPyRandomState(31), 10);
        GradAssert.Passes(t => t[0].Erf(), x);
        GradAssert.SecondOrderPasses(t => t[0].Erf(), x);
        // d²/dx² erf(x) = -2x · 2/√π · e^(-x²), through the recorded backward.
        var g = Autograd.Grad([x.Erf().Sum()], [x], createGraph: true)[0]!;
        var g2 = Autograd.Grad([g.Sum()], [x])[0]!.ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < xs.Length; i++)
            Assert.Equal(-2 * xs[i] * 2 / Math.Sqrt(Math.PI) * Math.Exp(-xs[i] * xs[i]), g2[i], 14);
    }
}
