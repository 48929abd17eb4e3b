using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class RsqrtTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("rsqrt");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Rsqrt(), Uniform(408, Shape(shape), 0.2, 5.0));

    [Fact]
    public void GradGradCheck()
    {
        string shape = "3x4";
        GradAssert.SecondOrderPasses(x => x[0].Rsqrt(), Uniform(409, Shape(shape), 0.2, 5.0));
    }

    [Fact]
    public void ZeroGivesInfinity_NegativesNaN()
    {
        Assert.Equal([double.PositiveInfinity, 0.5, double.NaN], Tensor.From([0.0, 4.0, -1.0]).Rsqrt().ToArray());
        var x = Leaf([4.0]);
        Assert.Equal([-0.5 / 8], Autograd.Grad([x.Rsqrt().Sum()], [x])[0]!.ToArray()); // -½ · 4^(-3/2)
    }
}
