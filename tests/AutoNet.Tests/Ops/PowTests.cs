using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class PowTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("pow");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<double> Exponents => new() { 2, 3, 0.5, -1, -2, 1.7, 0, 1, -0.5, 2.5, -1.3 };

    /// <summary>Non-integer exponents on positive bases; integer exponents on bases of either sign, away from 0.</summary>
    private static Tensor Base(int seed, double exponent, string shape) =>
        exponent == Math.Floor(exponent) ? AwayFromZero(seed, Shape(shape)) : Uniform(seed, Shape(shape), 0.2, 3.0);

    [Theory, MemberData(nameof(Exponents))]
    public void GradCheck(double exponent)
    {
        foreach (var shape in new[] { "scalar", "7", "3x4" })
            GradAssert.Passes(x => x[0].Pow(exponent), Base(51, exponent, shape));
    }

    [Theory, MemberData(nameof(Exponents))]
    public void GradGradCheck(double exponent) =>
        GradAssert.SecondOrderPasses(x => x[0].Pow(exponent), Base(52, exponent, "3x4"));

    [Fact]
    public void ExponentZero_HasZeroGradientEvenAtZero()
    {
        // PyTorch's pow_backward: exactly 0 for exponent 0 (not 0 * x^-1 = NaN at x = 0).
        var x = Leaf([0.0, -2.0, 3.0]);
        var g = Autograd.Grad([x.Pow(0).Sum()], [x])[0]!;
        Assert.Equal([0.0, 0.0, 0.0], g.ToArray());
        Assert.Equal([1.0, 1.0, 1.0], x.Pow(0).ToArray());
    }
}
