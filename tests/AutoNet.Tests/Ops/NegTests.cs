using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class NegTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("neg");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => -x[0], Normal(41, shape));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => -(x[0] * x[0]), Normal(42, "3x4"));
}
