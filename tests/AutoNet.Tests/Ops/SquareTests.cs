using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Square is x.Pow(2), as PyTorch defines torch.square: the same values and gradients to the bit.</summary>
public class SquareTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("square");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Square(), Normal(430, shape));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Square(), Normal(431, "3x4"));

    [Fact]
    public void IsExactlyXTimesX_WithGradientTwoX()
    {
        var x = Normal(432, "3x4");
        Assert.Equal((x * x).ToArray(), x.Square().ToArray());
        var g = Autograd.Grad([x.Square().Sum()], [x])[0]!;
        Assert.Equal((2.0 * x.Detach()).ToArray(), g.ToArray());
    }
}
