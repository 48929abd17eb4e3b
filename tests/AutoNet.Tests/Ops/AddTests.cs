using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class AddTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("add", exclude: "/mixed_");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck_EveryBroadcastingPattern(string a, string b) =>
        GradAssert.Passes(x => x[0] + x[1], Normal(1, a), Normal(2, b));

    [Fact]
    public void GradCheck_NumberOnEitherSide() => GradAssert.Passes(x => 2.5 + x[0] + 1.5, Normal(3, "3x4"));

    [Fact]
    public void SameTensorOnBothSides_GradientsAccumulate()
    {
        var x = Normal(4, "2x3");
        var g = Autograd.Grad([(x + x).Sum()], [x])[0]!;
        Assert.All(g.ToArray(), v => Assert.Equal(2.0, v));
    }

    [Fact]
    public void IncompatibleShapes_NameBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Normal(5, "3x4") + Normal(6, "3"));
        Assert.Contains("[3, 4] and [3]", ex.Message);
    }
}
