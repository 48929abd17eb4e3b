using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class AbsTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("abs");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    // |x| has a kink at 0: check away from it (a central difference straddling 0 is not a derivative).
    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Abs(), AwayFromZero(91, Shape(shape), 0.1, 3.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Abs() * x[0], AwayFromZero(92, [3, 4], 0.1, 3.0));

    [Fact]
    public void GradientAtZero_IsZero_AsPyTorchSgn()
    {
        var x = Leaf([0.0, -0.0, 2.0, -3.0]);
        Assert.Equal([0.0, 0.0, 1.0, -1.0], Autograd.Grad([x.Abs().Sum()], [x])[0]!.ToArray());
    }
}
