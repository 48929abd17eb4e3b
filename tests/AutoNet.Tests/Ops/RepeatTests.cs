using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Tensor.Repeat: torch's tiling (with leading dims added), the summed gradient, and errors.</summary>
public class RepeatTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("repeat");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int[]> Patterns => new()
    {
        { "2x3", new[] { 2, 1 } }, { "2x3", new[] { 1, 3 } }, { "2x3", new[] { 2, 2, 2 } }, { "3", new[] { 4 } },
        { "scalar", new[] { 3, 2 } }, { "scalar", Array.Empty<int>() }, { "1x2", new[] { 3, 1, 2 } },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void GradCheck(string shape, int[] repeats) => GradAssert.Passes(x => x[0].Repeat(repeats), Normal(321, shape));

    [Theory, MemberData(nameof(Patterns))]
    public void GradGradCheck(string shape, int[] repeats) =>
        GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Repeat(repeats), Normal(322, shape));

    [Fact]
    public void ZeroRepeats_GiveAnEmptyOutput_AndAZeroGradient()
    {
        var x = Leaf([1.0, 2, 3, 4, 5, 6], 2, 3);
        var y = x.Repeat(0, 2);
        Assert.Equal(new[] { 0, 6 }, y.Shape);
        Assert.Equal(new double[6], Autograd.Grad([y.Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void Tiles_AsTorch()
    {
        var y = Tensor.From([1.0, 2, 3, 4], 2, 2).Repeat(1, 2, 1);
        Assert.Equal(new[] { 1, 4, 2 }, y.Shape);
        Assert.Equal(new[] { 1.0, 2, 3, 4, 1, 2, 3, 4 }, y.ToArray());
        Assert.Equal(new[] { 1.0, 2, 1, 2, 1, 2 }, Tensor.From([1.0, 2]).Repeat(3).ToArray());
    }

    [Fact]
    public void Gradient_SumsOverTheTiles()
    {
        var x = Leaf([1.0, 2]);
        var g = Autograd.Grad([x.Repeat(2, 2)], [x], [Tensor.From([1.0, 2, 3, 4, 5, 6, 7, 8], 2, 4)])[0]!;
        Assert.Equal(new[] { 1.0 + 3 + 5 + 7, 2.0 + 4 + 6 + 8 }, g.ToArray());
    }

    [Fact]
    public void Errors_NameTheCountsAndShape()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("Repeat: got 1 repeat count(s) [2] for a tensor of shape [2, 3] (2 dims)",
            Assert.Throws<ArgumentException>(() => x.Repeat(2)).Message);
        Assert.Contains("repeat count -1 at position 0 of [-1, 2] is negative",
            Assert.Throws<ArgumentException>(() => x.Repeat(-1, 2)).Message);
        Assert.Contains("more than", Assert.Throws<ArgumentException>(() => x.Repeat(int.MaxValue, 2)).Message);
    }
}
