using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class SinTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("sin");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Sin(), Normal(400, shape, 3.0));

    [Fact]
    public void GradGradCheck()
    {
        string shape = "3x4";
        GradAssert.SecondOrderPasses(x => x[0].Sin(), Normal(401, shape, 3.0));
    }

    [Fact]
    public void TakesRadians_AndKeepsEmptyShapes()
    {
        Assert.Equal([0.0, 1.0, -1.0], Tensor.From([0.0, Math.PI / 2, -Math.PI / 2]).Sin().ToArray());
        Assert.Equal([0, 3], Tensor.Zeros(0, 3).Sin().Shape);
        Assert.Equal(Math.Sin(0.7), Tensor.Scalar(0.7).Sin().Item());
    }
}
