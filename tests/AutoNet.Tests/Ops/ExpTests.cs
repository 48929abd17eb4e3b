using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class ExpTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("exp");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Exp(), Normal(61, shape, 2.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Exp(), Normal(62, "3x4"));

    [Fact]
    public void Overflow_GivesInfinity_AndUnderflow_Zero()
    {
        var y = Tensor.From([710.0, -746.0]).Exp();
        Assert.Equal([double.PositiveInfinity, 0.0], y.ToArray());
    }
}
