using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class MaxTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("max");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    // Random normal values are distinct (by more than 2·eps), so the maximum does not switch under perturbation.
    [Theory, MemberData(nameof(SumTests.ShapesDimsKeep), MemberType = typeof(SumTests))]
    public void GradCheck(string shape, int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Max(dim, keepDim), Normal(161, shape));

    [Fact]
    public void GradCheck_OverEverything() => GradAssert.Passes(x => x[0].Reshape(-1).Max(0), Normal(162, "3x4"));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Max(1), Normal(163, "3x4"));

    [Fact]
    public void Ties_SendTheGradientToTheFirstMaximum_AsPyTorch()
    {
        var x = Leaf([1.0, 3.0, 3.0, 2.0, 2.0, 2.0], 2, 3);
        var g = Autograd.Grad([x.Max(1).Sum()], [x])[0]!;
        Assert.Equal([0.0, 1.0, 0.0, 1.0, 0.0, 0.0], g.ToArray());
    }

    [Fact]
    public void NaN_IsTheMaximum_AsPyTorch()
    {
        Assert.True(double.IsNaN(Tensor.From([1.0, double.NaN, 3.0]).Max(0).Item()));
    }
}
