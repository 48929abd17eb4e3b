using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class SqrtTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("sqrt");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Sqrt(), Uniform(81, Shape(shape), 0.1, 5.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Sqrt(), Uniform(82, [3, 4], 0.5, 3.0));

    [Fact]
    public void GradientAtZero_IsInfinity()
    {
        var x = Leaf([0.0]);
        Assert.Equal(double.PositiveInfinity, Autograd.Grad([x.Sqrt().Sum()], [x])[0]!.Item());
    }
}
