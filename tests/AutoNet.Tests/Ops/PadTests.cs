using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>F.Pad (constant): torch's pad order (last dim first), negative pads that crop, and errors.</summary>
public class PadTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("pad");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int[]> Patterns => new()
    {
        { "2x3", new[] { 1, 2 } }, { "2x3", new[] { 1, 0, 0, 2 } }, { "2x3x4", new[] { 0, 1, 2, 0, 1, 1 } },
        { "2x3", new[] { -1, 1 } }, { "2x3", new[] { -1, -1 } }, { "3x4", new[] { 1, -2, -1, 1 } }, { "scalar", Array.Empty<int>() },
        { "2x0", new[] { 1, 1 } }, { "5", new[] { -2, -2 } },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void GradCheck(string shape, int[] pad) => GradAssert.Passes(x => F.Pad(x[0], pad, 0.5), Normal(331, shape));

    [Theory, MemberData(nameof(Patterns))]
    public void GradGradCheck(string shape, int[] pad)
    {
        if (shape == "2x0") return; // x has no element: no second order to compare
        GradAssert.SecondOrderPasses(x => F.Pad(x[0] * x[0], pad, -1), Normal(332, shape));
    }

    [Fact]
    public void PadsTheLastDimFirst_WithTheValue()
    {
        var y = F.Pad(Tensor.From([1.0, 2, 3, 4], 2, 2), [1, 0, 0, 1], 9);
        Assert.Equal(new[] { 3, 3 }, y.Shape);
        Assert.Equal(new[] { 9.0, 1, 2, 9, 3, 4, 9, 9, 9 }, y.ToArray());
    }

    [Fact]
    public void NegativePads_Crop_AndTheGradientIsZeroWhereCropped()
    {
        var x = Leaf([1.0, 2, 3, 4, 5]);
        var y = F.Pad(x, [-1, -2]);
        Assert.Equal(new[] { 2.0, 3 }, y.ToArray());
        var g = Autograd.Grad([y], [x], [Tensor.From([10.0, 20])])[0]!;
        Assert.Equal(new[] { 0.0, 10, 20, 0, 0 }, g.ToArray());
        Assert.Equal(new[] { 0.0, 1, 2, 3 }, F.Pad(Tensor.From([1.0, 2, 3, 4]), [1, -1]).ToArray());
    }

    [Fact]
    public void CroppedToNothing_GivesAnEmptyOutput_AndAZeroGradient()
    {
        var x = Leaf([1.0, 2, 3, 4, 5, 6], 2, 3);
        var y = F.Pad(x, [-1, -2]);
        Assert.Equal(new[] { 2, 0 }, y.Shape);
        var g = Autograd.Grad([y.Sum()], [x])[0]!;
        Assert.Equal(new double[6], g.ToArray());
    }

    [Fact]
    public void Int64_AndBool_ArePaddedToo()
    {
        var y = F.Pad(Tensor.From(new long[] { 5, 6 }, 2), [1, 1], 7);
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(new[] { 7.0, 5, 6, 7 }, y.ToArray());
        Assert.Equal(new[] { 0.0, 1, 0 }, F.Pad(Tensor.From(new[] { true }, 1), [1, 1]).ToArray());
    }

    [Fact]
    public void Float32_StaysFloat32() => Assert.Equal(DType.Float32, F.Pad(Tensor.Zeros([2], DType.Float32), [1, 1]).DType);

    [Fact]
    public void Errors_NameThePadAndShape()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("Pad: pad [1] has 1 entries; expected an even number", Assert.Throws<ArgumentException>(() => F.Pad(x, [1])).Message);
        Assert.Contains("pad [1, 1, 1, 1, 1, 1] has 3 pairs, but the input has shape [2, 3] (2 dims)",
            Assert.Throws<ArgumentException>(() => F.Pad(x, [1, 1, 1, 1, 1, 1])).Message);
        Assert.Contains("Pad: padding (-2, -2) of dim 1 (size 3) of a tensor of shape [2, 3] crops 4 elements; expected at most 3",
            Assert.Throws<ArgumentException>(() => F.Pad(x, [-2, -2])).Message);
        // torch refuses a crop beyond the dim even when padding on the other side would leave a size >= 0
        Assert.Contains("crops 4 elements; expected at most 3", Assert.Throws<ArgumentException>(() => F.Pad(x, [-4, 5])).Message);
    }
}
