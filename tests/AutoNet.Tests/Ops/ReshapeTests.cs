using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class ReshapeTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("reshape");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int[]> Targets => new()
    {
        { "3x4", new[] { -1 } }, { "3x4", new[] { 2, 6 } }, { "3x4", new[] { 4, -1 } }, { "3x4", new[] { 2, -1, 2 } },
        { "scalar", new[] { 1 } }, { "1", Array.Empty<int>() }, { "2x3x4", new[] { -1, 4 } },
    };

    [Theory, MemberData(nameof(Targets))]
    public void GradCheck(string shape, int[] target) =>
        // times a fixed tensor of the target's shape, so each element's gradient is distinct
        GradAssert.Passes(x => x[0].Reshape(target) * Tensor.Arange(x[0].Count).Reshape(target), Normal(181, shape));

    [Fact]
    public void MinusOne_IsInferred() => Assert.Equal([2, 3, 2], Tensor.Zeros(3, 4).Reshape(2, -1, 2).Shape);

    [Fact]
    public void WrongCount_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 4).Reshape(5, -1));
        Assert.Contains("[5, -1]", ex.Message);
        Assert.Contains("[3, 4]", ex.Message);
    }
}
