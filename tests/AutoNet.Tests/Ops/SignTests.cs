using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class SignTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("sign");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Fact]
    public void ZerosAndNaN_GiveZero()
    {
        var y = Tensor.From([2.5, -0.1, 0.0, -0.0, double.NaN, double.NegativeInfinity]).Sign().ToArray();
        Assert.Equal([1.0, -1.0, 0.0, 0.0, 0.0, -1.0], y);
    }

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradientIsZero_AndGradCheckPasses(string shape)
    {
        var x = Normal(420, shape);
        GradAssert.Passes(t => t[0].Sign(), x);
        var g = Autograd.Grad([(x.Sign() * x).Sum()], [x])[0]!; // d(sign(x)·x)/dx = sign(x) + 0
        Assert.Equal(x.Detach().Sign().ToArray(), g.ToArray());
    }

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Sign() * x[0] * x[0], Normal(421, "3x4"));
}
