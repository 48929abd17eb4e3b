using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class ReluTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("relu");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Relu(), AwayFromZero(101, Shape(shape), 0.1, 3.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Relu() * x[0], AwayFromZero(102, [3, 4], 0.1, 3.0));

    [Fact]
    public void GradientAtZero_IsZero_AsPyTorch()
    {
        var x = Leaf([0.0, -0.0, 1e-300, -1.0]);
        Assert.Equal([0.0, 0.0, 1.0, 0.0], Autograd.Grad([x.Relu().Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void NaN_PropagatesThroughForward()
    {
        Assert.True(double.IsNaN(Tensor.From([double.NaN]).Relu().Item()));
    }
}
