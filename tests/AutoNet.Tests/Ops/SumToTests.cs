using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>The internal SumTo op: the reverse of broadcasting, used by every binary op's backward.</summary>
public class SumToTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("sum_to");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int[]> Targets => new()
    {
        { "2x3x4", new[] { 3, 1 } }, { "2x3x4", new[] { 4 } }, { "2x3x4", Array.Empty<int>() }, { "2x3x4", new[] { 1, 4 } },
        { "3x4", new[] { 3, 1 } }, { "3x4", new[] { 1, 1 } }, { "2x3x4", new[] { 2, 1, 4 } }, { "3x4", new[] { 3, 4 } },
    };

    [Theory, MemberData(nameof(Targets))]
    public void GradCheck(string shape, int[] target) =>
        GradAssert.Passes(x => AutoNet.Ops.SumTo.Forward(x[0], target) * Normal(231, target, requiresGrad: false), Normal(232, shape));

    [Theory, MemberData(nameof(Targets))]
    public void GradGradCheck(string shape, int[] target) =>
        GradAssert.SecondOrderPasses(x => AutoNet.Ops.SumTo.Forward(x[0] * x[0], target), Normal(233, shape));

    [Fact]
    public void SumsEveryBroadcastCopy()
    {
        var x = Tensor.From([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        Assert.Equal([5.0, 7.0, 9.0], AutoNet.Ops.SumTo.Forward(x, [3]).ToArray());
        Assert.Equal([6.0, 15.0], AutoNet.Ops.SumTo.Forward(x, [2, 1]).ToArray());
    }
}
