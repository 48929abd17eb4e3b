using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class SubTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("sub", exclude: "/mixed_");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck_EveryBroadcastingPattern(string a, string b) =>
        GradAssert.Passes(x => x[0] - x[1], Normal(11, a), Normal(12, b));

    [Fact]
    public void GradCheck_NumberOnEitherSide() => GradAssert.Passes(x => 1.0 - x[0] - 0.5, Normal(13, "3x4"));

    [Fact]
    public void GradientOfSubtrahend_IsMinusTheSummedGradient()
    {
        var a = Normal(14, "3x4");
        var b = Normal(15, "4");
        var grads = Autograd.Grad([(a - b).Sum()], [a, b]);
        Assert.All(grads[0]!.ToArray(), v => Assert.Equal(1.0, v));
        Assert.All(grads[1]!.ToArray(), v => Assert.Equal(-3.0, v));
    }
}
