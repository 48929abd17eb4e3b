using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class Exp2Tests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("exp2");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Exp2(), Normal(406, shape, 2.0));

    [Fact]
    public void GradGradCheck()
    {
        string shape = "3x4";
        GradAssert.SecondOrderPasses(x => x[0].Exp2(), Normal(407, shape, 2.0));
    }

    [Fact]
    public void IntegersAreExact_AndOverflowGivesInfinity()
    {
        Assert.Equal([1024.0, 0.5, 1.0, double.PositiveInfinity, 0.0], Tensor.From([10.0, -1.0, 0.0, 1024.0, -1100.0]).Exp2().ToArray());
        Assert.Equal([8f], Tensor.From([3f]).Exp2().ToArray().Select(v => (float)v).ToArray());
    }
}
