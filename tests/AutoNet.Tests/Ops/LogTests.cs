using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class LogTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("log");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Log(), Uniform(71, Shape(shape), 0.1, 5.0));

    [Fact]
    public void GradCheck_TinyAndHugeValues() =>
        GradAssert.Passes(x => (x[0] * 1e-8).Log() + (x[0] * 1e8).Log(), Uniform(72, [5], 0.5, 2.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Log(), Uniform(73, [3, 4], 0.5, 3.0));

    [Fact]
    public void ZeroAndNegative_GiveMinusInfinityAndNaN()
    {
        var y = Tensor.From([0.0, -1.0]).Log().ToArray();
        Assert.Equal(double.NegativeInfinity, y[0]);
        Assert.True(double.IsNaN(y[1]));
    }
}
