using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Max, average and adaptive average pooling: recorded PyTorch cases, gradient checks, ties and errors.</summary>
public class PoolingTests
{
    public static TheoryData<string> TorchMaxPool1dCases => TorchFixtures.Ids("max_pool1d");
    public static TheoryData<string> TorchMaxPool2dCases => TorchFixtures.Ids("max_pool2d");
    public static TheoryData<string> TorchAvgPool1dCases => TorchFixtures.Ids("avg_pool1d");
    public static TheoryData<string> TorchAvgPool2dCases => TorchFixtures.Ids("avg_pool2d");
    public static TheoryData<string> TorchAdaptiveCases => TorchFixtures.Ids("adaptive_avg_pool2d");

    [Theory, MemberData(nameof(TorchMaxPool1dCases))]
    public void MaxPool1d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchMaxPool2dCases))]
    public void MaxPool2d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchAvgPool1dCases))]
    public void AvgPool1d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchAvgPool2dCases))]
    public void AvgPool2d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchAdaptiveCases))]
    public void AdaptiveAvgPool2d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory]
    [InlineData(2, null, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 2, 1)]
    public void GradCheckAndGradGradCheck(int kernel, int? stride, int padding)
    {
        var x = Normal(930, [2, 3, 6, 5]);
        GradAssert.Passes(t => F.MaxPool2d(t[0], kernel, stride, padding), x);
        GradAssert.SecondOrderPasses(t => F.MaxPool2d(t[0], kernel, stride, padding).Square(), x);
        GradAssert.Passes(t => F.AvgPool2d(t[0], kernel, stride, padding), x);
        GradAssert.SecondOrderPasses(t => F.AvgPool2d(t[0], kernel, stride, padding).Square(), x);
        var x1 = Normal(931, [2, 3, 7]);
        GradAssert.SecondOrderPasses(t => F.MaxPool1d(t[0], kernel, stride, padding).Square(), x1);
        GradAssert.SecondOrderPasses(t => F.AvgPool1d(t[0], kernel, stride, padding).Square(), x1);
    }

    [Fact]
    public void AdaptiveAvgPool2d_GradGradCheck() =>
        GradAssert.SecondOrderPasses(t => new AutoNet.Nn.AdaptiveAvgPool2d(3).Forward(t[0]).Square(), Normal(932, [2, 2, 5, 7]));

    [Fact]
    public void MaxPool_Ties_TheFirstMaximumGetsTheGradient()
    {
        var x = Leaf([1, 3, 3, 2, 5, 5, 5, 0], 1, 8);
        var y = F.MaxPool1d(x, 2, stride: 1);
        Assert.Equal([3.0, 3, 3, 5, 5, 5, 5], y.ToArray());
        y.Sum().Backward();
        Assert.Equal([0.0, 2, 1, 0, 2, 1, 1, 0], x.Grad!.ToArray());
    }

    [Fact]
    public void MaxPool2d_2x2_windows_keep_the_rules_for_ties_NaN_and_minus_infinity()
    {
        // The 2 × 2 stride-2 window has a loop of its own; it must pick as the general one does: the first maximum
        // in row-major order, the last NaN, and the first position of a window of −∞.
        double inf = double.PositiveInfinity, nan = double.NaN;  // windows: [1 3; 3 2], [NaN 5; NaN −∞], [−∞ −∞; −∞ −∞]
        var x = Leaf([1, 3, nan, 5, -inf, -inf, 3, 2, nan, -inf, -inf, -inf], 1, 1, 2, 6);
        var y = F.MaxPool2d(x, 2);
        Assert.Equal([3.0, nan, -inf], y.ToArray());
        y.Backward(Tensor.Ones(1, 1, 1, 3));
        Assert.Equal([0.0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], x.Grad!.ToArray());
    }

    [Fact]
    public void MaxPool_PaddingIsMinusInfinity_AvgPoolPaddingCountsAsZero()
    {
        var x = Leaf([-1, -2, -3, -4], 1, 1, 2, 2);
        Assert.Equal([-1.0, -1, -2, -1, -1, -2, -3, -3, -4], F.MaxPool2d(x, 2, stride: 1, padding: 1).ToArray());
        Assert.Equal([-0.25, -0.75, -0.5, -1, -2.5, -1.5, -0.75, -1.75, -1], F.AvgPool2d(x, 2, stride: 1, padding: 1).ToArray());
    }

    [Fact]
    public void AdaptiveAvgPool2d_UnevenWindows()
    {
        // 5 rows into 3 windows: rows [0, 2), [1, 4), [3, 5); the single column into 3 windows of that column
        var y = new AutoNet.Nn.AdaptiveAvgPool2d(3).Forward(Leaf([0, 1, 2, 3, 4], 1, 5, 1));
        Assert.Equal([1, 3, 3], y.Shape);
        Assert.Equal([0.5, 0.5, 0.5, 2, 2, 2, 3.5, 3.5, 3.5], y.ToArray());
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        var x = Tensor.Zeros(1, 2, 4, 4);
        Assert.Equal("MaxPool2d: expected input [N, C, H, W] or [C, H, W], got shape [4, 4].",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(Tensor.Zeros(4, 4), 2)).Message);
        Assert.StartsWith("AvgPool1d: padding 2 must be at most half the kernel size 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => F.AvgPool1d(Tensor.Zeros(2, 9), 3, padding: 2)).Message);
        Assert.StartsWith("MaxPool2d: kernelSize must be >= 1, got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => F.MaxPool2d(x, 0)).Message);
        Assert.StartsWith("AvgPool2d: stride must be >= 1, got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => F.AvgPool2d(x, 2, 0)).Message);
        Assert.Equal("MaxPool2d: the kernel (5×5 with dilation) is larger than the padded input (4×4) for input shape [1, 2, 4, 4]; the output would be empty.",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(x, 5)).Message);
        Assert.StartsWith("AdaptiveAvgPool2d: outputSize must be >= 1, got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => new AutoNet.Nn.AdaptiveAvgPool2d(0)).Message);
        Assert.Equal("MaxPool1d: expected a Float32 or Float64 input, got int64.",
            Assert.Throws<ArgumentException>(() => F.MaxPool1d(Tensor.Zeros([2, 4], DType.Int64), 2)).Message);
    }
}
