using System.Text.Json;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>
/// Softplus's beta and threshold (the worked example's parity test, below the threshold, is in
/// DocSamples/SoftplusTests). Values recorded by Fixtures/softplus/record_softplus.py with torch 1.13.
/// </summary>
public class SoftplusTests
{
    private static JsonElement Case(int i)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "softplus", "softplus-torch.json")));
        return json.RootElement.GetProperty("threshold_cases")[i].Clone();
    }

    public static TheoryData<int> ThresholdCases => [0, 1, 2, 3];

    /// <summary>PyTorch: y = x and gradient exactly 1 where βx &gt; threshold; log1p(exp(βx))/β and σ(βx) elsewhere.</summary>
    [Theory, MemberData(nameof(ThresholdCases))]
    public void Softplus_AboveThresholdReturnsInputWithGradientExactlyOne_MatchesPyTorch(int i)
    {
        var c = Case(i);
        double[] Read(string name) => [.. c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];
        double beta = c.GetProperty("beta").GetDouble(), threshold = c.GetProperty("threshold").GetDouble();
        var dtype = c.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        double[] xs = Read("x"), ys = Read("y"), grads = Read("grad");
        var x = Tensor.From(xs, xs.Length).To(dtype);
        x.RequiresGrad = true;

        var y = F.Softplus(x, beta, threshold);
        y.Sum().Backward();

        double[] yA = y.ToArray(), gA = x.Grad!.ToArray();
        double rel = dtype == DType.Float32 ? 2.4e-7 : 4e-16;  // 2 ulp
        for (int k = 0; k < xs.Length; k++)
        {
            string at = $"{dtype} beta {beta} threshold {threshold} x {xs[k]:R}";
            if (beta * xs[k] > threshold)
            {
                Assert.True(yA[k] == xs[k], $"{at}: y {yA[k]:R}, PyTorch returns x itself");
                Assert.True(gA[k] == 1.0, $"{at}: gradient {gA[k]:R}, PyTorch's is exactly 1");
            }
            Assert.True(Math.Abs(yA[k] - ys[k]) <= rel * Math.Abs(ys[k]), $"{at}: y {yA[k]:R}, PyTorch {ys[k]:R}");
            Assert.True(Math.Abs(gA[k] - grads[k]) <= rel * Math.Abs(grads[k]), $"{at}: gradient {gA[k]:R}, PyTorch {grads[k]:R}");
        }
    }

    [Fact]
    public void Softplus_DefaultsAreBetaOneThresholdTwenty_AsPyTorch()
    {
        var x = Tensor.From([-2.0, 0.5, 20.0, 20.5]);
        Assert.Equal(F.Softplus(x, 1, 20).ToArray(), x.Softplus().ToArray());
        Assert.Equal(F.Softplus(x, 1, 20).ToArray(), F.Softplus(x).ToArray());
        Assert.Equal(20.5, x.Softplus().ToArray()[3]);
    }

    [Theory]
    [InlineData(2.0, 5.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(-1.5, 20.0)]
    public void Softplus_GradCheckWithBetaAndThreshold(double beta, double threshold)
    {
        // Points kept away from the threshold, where the function has a kink.
        var x = Tensor.From([-3.0, -0.5, 0.0, 0.7, 4.0, 12.0]);
        x.RequiresGrad = true;
        GradAssert.Passes(t => F.Softplus(t[0], beta, threshold), x);
        GradAssert.SecondOrderPasses(t => F.Softplus(t[0], beta, threshold), x);
    }

    [Fact]
    public void Softplus_SecondDerivativeIsZeroAboveThreshold_AsPyTorch()
    {
        var x = Tensor.From([25.0, 0.0]);
        x.RequiresGrad = true;
        var g = Autograd.Grad([F.Softplus(x).Sum()], [x], createGraph: true)[0]!;
        var gg = Autograd.Grad([g.Sum()], [x])[0]!;
        Assert.Equal(new[] { 0.0, 0.25 }, gg.ToArray());   // σ'(0) = 1/4; the linear piece has none
    }

    [Theory]
    [InlineData(0.0, 20.0)]
    [InlineData(double.NaN, 20.0)]
    [InlineData(double.PositiveInfinity, 20.0)]
    [InlineData(1.0, double.NaN)]
    public void Softplus_RejectsBetaZeroOrNotFiniteAndThresholdNaN(double beta, double threshold)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => F.Softplus(Tensor.From([1.0]), beta, threshold));
        Assert.StartsWith("Softplus: ", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutoNet.Nn.Softplus(beta, threshold));
    }
}
