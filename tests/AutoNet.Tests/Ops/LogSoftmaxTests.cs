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
}
