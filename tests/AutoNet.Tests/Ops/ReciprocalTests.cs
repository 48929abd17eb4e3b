using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class ReciprocalTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("reciprocal");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Reciprocal(), AwayFromZero(410, Shape(shape)));

    [Fact]
    public void GradGradCheck()
    {
        string shape = "3x4";
        GradAssert.SecondOrderPasses(x => x[0].Reciprocal(), AwayFromZero(411, Shape(shape)));
    }

    [Fact]
    public void SignedZerosGiveSignedInfinities()
    {
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, 0.25], Tensor.From([0.0, -0.0, 4.0]).Reciprocal().ToArray());
        var x = Leaf([4.0, -0.5]);
        Assert.Equal([-1.0 / 16, -4.0], Autograd.Grad([x.Reciprocal().Sum()], [x])[0]!.ToArray());
    }
}
