using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>The internal Expand op (broadcast materialised; the backward of Sum and SumTo).</summary>
public class ExpandTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("expand");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int[]> Targets => new()
    {
        { "3x1", new[] { 3, 4 } }, { "4", new[] { 2, 3, 4 } }, { "scalar", new[] { 2, 2 } }, { "1x4", new[] { 3, 4 } },
        { "2x1x4", new[] { 2, 3, 4 } }, { "3x4", new[] { 3, 4 } },
    };

    [Theory, MemberData(nameof(Targets))]
    public void GradCheck(string shape, int[] target) =>
        GradAssert.Passes(x => AutoNet.Ops.Expand.Forward(x[0], target) * Normal(221, target, requiresGrad: false), Normal(222, shape));

    [Theory, MemberData(nameof(Targets))]
    public void GradGradCheck(string shape, int[] target) =>
        GradAssert.SecondOrderPasses(x => AutoNet.Ops.Expand.Forward(x[0] * x[0], target), Normal(223, shape));

    [Fact]
    public void NotBroadcastable_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => AutoNet.Ops.Expand.Forward(Tensor.Zeros(3), [2, 4]));
        Assert.Contains("[3] cannot be broadcast to [2, 4]", ex.Message);
    }
}
