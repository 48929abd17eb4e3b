using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>F.Conv1d and F.Conv2d: recorded PyTorch cases, gradient checks over stride/padding/dilation/groups, a
/// direct-sum reference, unbatched inputs and errors.</summary>
public class ConvolutionTests
{
    public static TheoryData<string> TorchConv1dCases => TorchFixtures.Ids("conv1d");
    public static TheoryData<string> TorchConv2dCases => TorchFixtures.Ids("conv2d");

    [Theory, MemberData(nameof(TorchConv1dCases))]
    public void Conv1d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchConv2dCases))]
    public void Conv2d_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 2, 1)]
    [InlineData(2, 1, 2, 2)]
    [InlineData(1, 1, 1, 4)]
    public void Conv2d_GradCheck(int stride, int padding, int dilation, int groups)
    {
        var x = Normal(900, [2, 4, 6, 5]);
        var w = Normal(901, [8, 4 / groups, 3, 2]);
        var b = Normal(902, [8]);
        GradAssert.Passes(t => F.Conv2d(t[0], t[1], t[2], stride, padding, dilation, groups), x, w, b);
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 1, 2, 2)]
    [InlineData(1, 1, 1, 4)]
    public void Conv2d_GradGradCheck(int stride, int padding, int dilation, int groups)
    {
        var x = Normal(903, [2, 4, 5, 4]);
        var w = Normal(904, [4, 4 / groups, 2, 3]);
        var b = Normal(905, [4]);
        GradAssert.SecondOrderPasses(t => F.Conv2d(t[0], t[1], t[2], stride, padding, dilation, groups), x, w, b);
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(3, 2, 2, 2)]
    public void Conv1d_GradCheckAndGradGradCheck(int stride, int padding, int dilation, int groups)
    {
        var x = Normal(906, [2, 4, 8]);
        var w = Normal(907, [2, 4 / groups, 3]);
        var b = Normal(908, [2]);
        GradAssert.Passes(t => F.Conv1d(t[0], t[1], t[2], stride, padding, dilation, groups), x, w, b);
        GradAssert.SecondOrderPasses(t => F.Conv1d(t[0], t[1], t[2], stride, padding, dilation, groups), x, w, b);
    }

    [Fact]
    public void Conv2d_PairsGradCheck() =>
        GradAssert.SecondOrderPasses(t => F.Conv2d(t[0], t[1], null, (2, 1), (0, 1), (1, 2)), Normal(909, [1, 2, 5, 6]), Normal(910, [3, 2, 2, 2]));

    [Theory]
    [InlineData(6, 1)]    // short rows: the gather by pixel map
    [InlineData(40, 1)]   // long rows: copied (or added) a row at a time
    [InlineData(40, 2)]   // long rows at stride 2: element by element within the inside span
    public void Conv2d_EqualsTheDirectSum(int width, int strideW)
    {
        var x = Normal(911, [2, 4, 5, width], requiresGrad: false);
        var w = Normal(912, [6, 2, 3, 2], requiresGrad: false);
        var y = F.Conv2d(x, w, null, (2, strideW), (1, 2), (1, 2), groups: 2);
        int ow = (width + 2 * 2 - 2 * (2 - 1) - 1) / strideW + 1;
        double[] xs = x.ToArray(), ws = w.ToArray(), ys = y.ToArray();
        Assert.Equal([2, 6, 3, ow], y.Shape);
        for (int n = 0; n < 2; n++)
            for (int o = 0; o < 6; o++)
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = 0;
                        for (int c = 0; c < 2; c++)
                            for (int ki = 0; ki < 3; ki++)
                                for (int kj = 0; kj < 2; kj++)
                                {
                                    int h = i * 2 - 1 + ki, v = j * strideW - 2 + kj * 2;
                                    if (h < 0 || h >= 5 || v < 0 || v >= width) continue;
                                    sum += ws[((o * 2 + c) * 3 + ki) * 2 + kj] * xs[((n * 4 + o / 3 * 2 + c) * 5 + h) * width + v];
                                }
                        Assert.Equal(sum, ys[((n * 6 + o) * 3 + i) * ow + j], 12);
                    }
        // The input gradient is the adjoint (col2im): <y, s> = <x, grad x> for any s, as y is linear in x.
        var xg = x.Detach();
        xg.RequiresGrad = true;
        var s = Normal(913, [2, 6, 3, ow], requiresGrad: false);
        F.Conv2d(xg, w, null, (2, strideW), (1, 2), (1, 2), groups: 2).Backward(s);
        double inner = ys.Zip(s.ToArray(), (a, b) => a * b).Sum(), adjoint = xs.Zip(xg.Grad!.ToArray(), (a, b) => a * b).Sum();
        Assert.Equal(inner, adjoint, 9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_batch_cut_into_chunks_shared_by_the_cores_gives_each_samples_own_result(int strideW)
    {
        // 8 channels · 3 × 3 = 72 column rows by 48 × 48 output positions (from a 48 × 96 input at stride 2): more than half the kernel's
        // chunk of 2^18 column elements, so every sample is a chunk, and 6 chunks are shared among the cores. Each
        // sample's output and input gradient must be those of the sample alone, bit for bit, and the weight gradient
        // the per-sample gradients added in batch order.
        var x = Normal(931, [6, 8, 48, 48 * strideW]);
        var w = Normal(932, [5, 8, 3, 3]);
        var seed = Normal(933, [6, 5, 48, 48], requiresGrad: false);
        var y = F.Conv2d(x, w, null, (1, strideW), (1, 1), (1, 1));
        y.Backward(seed);
        double[] gwSum = new double[w.Count];
        for (int n = 0; n < 6; n++)
        {
            var xn = x.Detach()[n..(n + 1)].Contiguous();
            xn.RequiresGrad = true;
            var wn = w.Detach().Contiguous() * 1.0;
            wn.RequiresGrad = true;
            var yn = F.Conv2d(xn, wn, null, (1, strideW), (1, 1), (1, 1));
            yn.Backward(seed[n..(n + 1)].Contiguous());
            Assert.Equal(yn.ToArray(), y[n..(n + 1)].ToArray());
            Assert.Equal(xn.Grad!.ToArray(), x.Grad![n..(n + 1)].ToArray());
            double[] gwn = wn.Grad!.ToArray();
            for (int i = 0; i < gwSum.Length; i++) gwSum[i] = n == 0 ? gwn[i] : gwSum[i] + gwn[i];
        }
        Assert.Equal(gwSum, w.Grad!.ToArray());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void The_bias_added_in_the_outputs_memory_has_the_bits_of_a_separate_add(DType dtype)
    {
        // F.Conv2d adds its bias over the convolution's fresh output instead of allocating y + b: the same sums, so
        // the same bits, forward and backward (the bias gradient is the engine's sum of the broadcast gradient).
        var x = Normal(160, [3, 4, 6, 5], 1.0, requiresGrad: false).To(dtype).Detach();
        var w = Normal(161, [6, 2, 3, 3], 1.0, requiresGrad: false).To(dtype).Detach();
        var b = Normal(162, [6], 1.0, requiresGrad: false).To(dtype).Detach();
        var g = Normal(163, [3, 6, 6, 5], 1.0, requiresGrad: false).To(dtype);
        Tensor[] Run(bool fused)
        {
            var (xl, wl, bl) = (x.Detach(), w.Detach(), b.Detach());
            foreach (var t in (Tensor[])[xl, wl, bl]) t.RequiresGrad = true;
            var y = fused ? F.Conv2d(xl, wl, bl, padding: 1, groups: 2) : F.Conv2d(xl, wl, null, padding: 1, groups: 2) + bl.Reshape(6, 1, 1);
            y.Backward(g);
            return [y.Detach(), xl.Grad!, wl.Grad!, bl.Grad!];
        }
        var (fusedRun, separate) = (Run(true), Run(false));
        for (int i = 0; i < 4; i++) Assert.Equal(LogSoftmaxTests.Bits(separate[i]), LogSoftmaxTests.Bits(fusedRun[i]));
    }

    [Fact]
    public void Unbatched_GivesTheBatchedResultWithoutTheBatchDim()
    {
        var x = Normal(913, [3, 5, 5], requiresGrad: false);
        var w = Normal(914, [2, 3, 3, 3], requiresGrad: false);
        var y = F.Conv2d(x, w, padding: 1);
        Assert.Equal([2, 5, 5], y.Shape);
        Assert.Equal(F.Conv2d(x.Reshape(1, 3, 5, 5), w, padding: 1).ToArray(), y.ToArray());
        Assert.Equal([2, 3], F.Conv1d(Normal(915, [3, 5]), Normal(916, [2, 3, 3])).Shape);
    }

    [Fact]
    public void Float32_MatchesFloat64()
    {
        var x = Normal(917, [2, 3, 7, 7], requiresGrad: false);
        var w = Normal(918, [5, 3, 3, 3], requiresGrad: false);
        var y64 = F.Conv2d(x, w, padding: 1).ToArray();
        var y32 = F.Conv2d(x.To(DType.Float32), w.To(DType.Float32), padding: 1).To(DType.Float64).ToArray();
        for (int i = 0; i < y64.Length; i++) Assert.True(Math.Abs(y64[i] - y32[i]) < 1e-5, $"element {i}: {y32[i]} vs {y64[i]}");
    }

    [Fact]
    public void WrongChannels_NamesTheShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(8, 4, 28, 28), Tensor.Zeros(8, 3, 3, 3)));
        Assert.Equal("Conv2d: expected input [N, 3, H, W] or [3, H, W] with 3 channels, got [8, 4, 28, 28].", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.Conv1d(Tensor.Zeros(2, 4, 9), Tensor.Zeros(6, 1, 3), groups: 2));
        Assert.Equal("Conv1d: expected input [N, 2, L] or [2, L] with 2 channels (weight [6, 1, 3] × groups 2), got [2, 4, 9].", ex.Message);
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        var x = Tensor.Zeros(1, 2, 5, 5);
        var w = Tensor.Zeros(4, 2, 3, 3);
        Assert.Equal("Conv2d: expected input [N, 2, H, W] or [2, H, W], got shape [5, 5].",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(5, 5), w)).Message);
        Assert.Equal("Conv2d: weight must be [out, in/groups, kH, kW], got shape [4, 2, 3].",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, Tensor.Zeros(4, 2, 3))).Message);
        Assert.StartsWith("Conv2d: stride must be >= 1, got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, stride: 0)).Message);
        Assert.StartsWith("Conv2d: padding must be >= 0, got (0, -1).",
            Assert.Throws<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, null, (1, 1), (0, -1), (1, 1))).Message);
        Assert.StartsWith("Conv2d: groups must be >= 1, got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => F.Conv2d(x, w, groups: 0)).Message);
        Assert.Equal("Conv2d: the weight's 4 output channels are not divisible by groups = 3.",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(1, 3, 5, 5), Tensor.Zeros(4, 1, 3, 3), groups: 3)).Message);
        Assert.Equal("Conv2d: bias must be [4] (one per output channel), got shape [3].",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, Tensor.Zeros(3))).Message);
        Assert.Equal("Conv2d: input, weight and bias must have one dtype, got float64, float32. Convert with .To(DType).",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w.To(DType.Float32))).Message);
        Assert.Equal("Conv2d: the kernel (5×5 with dilation) is larger than the padded input (3×3) for input shape [1, 2, 3, 3]; the output would be empty.",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(1, 2, 3, 3), w, dilation: 2)).Message);
        Assert.StartsWith("Conv2d: input [1, 64, 300, 300] with weight [1, 64, 25, 25] needs a [40000, 90000] im2col matrix",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros([1, 64, 300, 300], DType.Float32), Tensor.Zeros([1, 64, 25, 25], DType.Float32), padding: 12)).Message);
        Assert.StartsWith("Conv1d: stride must be >= 1, got 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => F.Conv1d(Tensor.Zeros(1, 2, 5), Tensor.Zeros(3, 2, 2), stride: 0)).Message);
    }

    [Fact]
    public void EmptyBatch_GivesEmptyOutputAndZeroWeightGradient()
    {
        var w = Normal(919, [3, 2, 3, 3]);
        var y = F.Conv2d(Tensor.Zeros(0, 2, 4, 4), w, padding: 1);
        Assert.Equal([0, 3, 4, 4], y.Shape);
        y.Sum().Backward();
        Assert.All(w.Grad!.ToArray(), g => Assert.Equal(0.0, g));
    }
}
