using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class Log2Tests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("log2");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Log2(), Uniform(404, Shape(shape), 0.1, 5.0));

    [Fact]
    public void GradGradCheck()
    {
        string shape = "3x4";
        GradAssert.SecondOrderPasses(x => x[0].Log2(), Uniform(405, Shape(shape), 0.1, 5.0));
    }

    [Fact]
    public void PowersOfTwo_AreExact_ZeroIsMinusInfinity_NegativesNaN()
    {
        Assert.Equal([3.0, -1.0, double.NegativeInfinity, double.NaN], Tensor.From([8.0, 0.5, 0.0, -1.0]).Log2().ToArray());
        var x = Leaf([0.0, 2.0]);
        var g = Autograd.Grad([x.Log2().Sum()], [x])[0]!;
        Assert.Equal([double.PositiveInfinity, 1 / (2 * Math.Log(2))], g.ToArray());
    }
}
