using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class LogSoftmaxTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("log_softmax");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(SoftmaxTests.ShapesAndDims), MemberType = typeof(SoftmaxTests))]
    public void GradCheck(string shape, int dim) =>
        GradAssert.Passes(x => x[0].LogSoftmax(dim) * x[1], Normal(141, shape, 2.0), Normal(142, shape));

    [Theory, MemberData(nameof(SoftmaxTests.ShapesAndDims), MemberType = typeof(SoftmaxTests))]
    public void GradGradCheck(string shape, int dim) =>
        GradAssert.SecondOrderPasses(x => x[0].LogSoftmax(dim), Normal(143, shape));

    [Fact]
    public void GradCheck_LargeInputs() =>
        GradAssert.Passes(x => (x[0] * 500.0).LogSoftmax(0) * Tensor.Arange(4), Leaf([1.0, 2.0, 0.5, -1.0]));

    [Fact]
    public void LargeInputs_StayExact()
    {
        // log_softmax([1000, 1001]) = [-1 - log(1 + e^-1), -log(1 + e^-1)], no overflow, no cancellation.
        var y = Tensor.From([1000.0, 1001.0]).LogSoftmax(0).ToArray();
        double l = Math.Log(1 + Math.Exp(-1));
        Assert.Equal(-1 - l, y[0], 14);
        Assert.Equal(-l, y[1], 14);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void The_one_pass_backward_has_the_bits_of_the_tensor_ops(DType dtype)
    {
        // Along the last dim the backward is one pass over the rows; it must round as
        // grad - exp(y) * grad.Sum(-1, keepDim) does as tensor ops. Rows of 1 to 100 values (past the pairwise sum's
        // leaves), a batch like a classifier's, -inf logits (exp(y) = 0), an expanded upstream gradient, and 18,900
        // elements (rows shared among the cores).
        foreach (string shape in (string[])["1x1", "3x27", "512x27", "2x5x33", "4x100", "700x27"])
        {
            var x = Normal(144, Shape(shape), 3.0, requiresGrad: false).To(dtype);
            if (shape == "3x27") x = Tensor.Where(Tensor.Arange(27).Lt(2.0), Tensor.Scalar(double.NegativeInfinity, dtype), x);
            x = x.Detach();
            x.RequiresGrad = true;
            var g = Normal(145, Shape(shape), 1.0, requiresGrad: false).To(dtype);
            x.LogSoftmax(-1).Backward(g);
            var y = x.Detach().LogSoftmax(-1);
            var expected = g - y.Exp() * g.Sum(-1, keepDim: true);
            Assert.Equal(Bits(expected), Bits(x.Grad!));
        }
        var leaf = Normal(146, Shape("6x7"), 1.0, requiresGrad: false).To(dtype).Detach();
        leaf.RequiresGrad = true;
        leaf.LogSoftmax(1).Sum().Backward();                                       // the gradient arrives expanded
        var ones = Tensor.Ones([6, 7], dtype);
        Assert.Equal(Bits(ones - leaf.Detach().LogSoftmax(1).Exp() * ones.Sum(1, keepDim: true)), Bits(leaf.Grad!));
    }

    /// <summary>The bit patterns of a float32 or float64 tensor's values, for exact comparisons.</summary>
    internal static long[] Bits(Tensor t) => t.DType == DType.Float32
        ? [.. t.ToFloatArray().Select(v => (long)BitConverter.SingleToInt32Bits(v))]
        : [.. t.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}
