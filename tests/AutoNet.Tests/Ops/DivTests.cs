using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class DivTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("div", exclude: "/mixed_");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck_EveryBroadcastingPattern(string a, string b) =>
        GradAssert.Passes(x => x[0] / x[1], Normal(31, a), AwayFromZero(32, Shape(b)));

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradGradCheck_EveryBroadcastingPattern(string a, string b) =>
        GradAssert.SecondOrderPasses(x => x[0] / x[1], Normal(33, a), AwayFromZero(34, Shape(b)));

    [Fact]
    public void GradCheck_NumberOnEitherSide() => GradAssert.Passes(x => 2.0 / x[0] / 4.0, AwayFromZero(35, [3, 4]));

    [Fact]
    public void RoundsOnce_AsPyTorch()
    {
        // 1/3 computed as 1 * (3^-1) would round twice; a true division gives the correctly rounded quotient.
        var y = Tensor.From([1.0, 2.0, 10.0]) / Tensor.From([3.0, 3.0, 3.0]);
        Assert.Equal([1.0 / 3.0, 2.0 / 3.0, 10.0 / 3.0], y.ToArray());
    }
}
