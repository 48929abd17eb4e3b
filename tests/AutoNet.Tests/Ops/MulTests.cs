using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class MulTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("mul", exclude: "/mixed_");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck_EveryBroadcastingPattern(string a, string b) =>
        GradAssert.Passes(x => x[0] * x[1], Normal(21, a), Normal(22, b));

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradGradCheck_EveryBroadcastingPattern(string a, string b) =>
        GradAssert.SecondOrderPasses(x => x[0] * x[1], Normal(23, a), Normal(24, b));

    [Fact]
    public void GradCheck_SquareOfTheSameTensor() => GradAssert.Passes(x => x[0] * x[0] * 3.0, Normal(25, "3x4"));

    [Fact]
    public void GradientOfEachFactor_IsTheOtherFactor_SummedOverBroadcastRows()
    {
        var a = Normal(26, "3x4");
        var b = Normal(27, "4");
        var grads = Autograd.Grad([(a * b).Sum()], [a, b]);
        double[] av = a.ToArray(), bv = b.ToArray(), ga = grads[0]!.ToArray(), gb = grads[1]!.ToArray();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(bv[j], ga[i * 4 + j]);
        for (int j = 0; j < 4; j++)
            Assert.Equal(av[j] + av[4 + j] + av[8 + j], gb[j], 14);
    }
}
