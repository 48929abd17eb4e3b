using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class CosTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("cos");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Cos(), Normal(402, shape, 3.0));

    [Fact]
    public void GradGradCheck()
    {
        string shape = "3x4";
        GradAssert.SecondOrderPasses(x => x[0].Cos(), Normal(403, shape, 3.0));
    }

    [Fact]
    public void TakesRadians_AndItsGradientIsMinusSin()
    {
        Assert.Equal([1.0, -1.0], Tensor.From([0.0, Math.PI]).Cos().ToArray());
        var x = Leaf([0.3, -1.2]);
        var g = Autograd.Grad([x.Cos().Sum()], [x])[0]!;
        Assert.Equal([-Math.Sin(0.3), -Math.Sin(-1.2)], g.ToArray());
    }
}
