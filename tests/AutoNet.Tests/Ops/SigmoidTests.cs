using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class SigmoidTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("sigmoid");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Sigmoid(), Normal(111, shape, 3.0));

    [Fact]
    public void GradCheck_SaturatedInputs() =>
        GradAssert.Passes(x => x[0].Sigmoid(), Leaf([-40.0, -20.0, -8.0, 8.0, 20.0, 40.0]));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Sigmoid(), Normal(112, "3x4", 2.0));

    [Fact]
    public void ExtremeInputs_StayFinite_InBothDirections()
    {
        var x = Leaf([-1000.0, -745.0, 745.0, 1000.0]);
        var y = x.Sigmoid();
        Assert.Equal([0.0, 0.0, 1.0, 1.0], y.ToArray());
        var g = Autograd.Grad([y.Sum()], [x])[0]!.ToArray();
        Assert.All(g, v => Assert.Equal(0.0, v));
    }
}
