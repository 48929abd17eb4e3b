using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class CastTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("cast");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Fact]
    public void GradCheck_ThroughFloat32()
    {
        // A round trip through float32 rounds to ~6e-8 relative, so the step must be large for the central
        // difference to see the slope (the function is linear, so a large step costs no accuracy).
        var result = Autograd.GradCheck(x => x[0].To(DType.Float32).To(DType.Float64) * 3.0, [Normal(211, "3x4")], eps: 1e-2);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void GradientComesBackInTheInputsDType()
    {
        var x = Tensor.From([1f, 2f, 3f]);
        x.RequiresGrad = true;
        var g = Autograd.Grad([(x.To(DType.Float64) * 2.0).Sum()], [x])[0]!;
        Assert.Equal(DType.Float32, g.DType);
        Assert.Equal([2f, 2f, 2f], g.ToFloatArray());
    }

    [Fact]
    public void SameDType_ReturnsTheTensorItself()
    {
        var x = Normal(212, "3");
        Assert.Same(x, x.To(DType.Float64));
    }
}
