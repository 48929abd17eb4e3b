using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class SoftmaxTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("softmax");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    /// <summary>Every dim, positive and negative, of 0- to 3-D shapes.</summary>
    public static TheoryData<string, int> ShapesAndDims => new()
    {
        { "scalar", 0 }, { "scalar", -1 }, { "5", 0 }, { "5", -1 }, { "3x4", 0 }, { "3x4", 1 }, { "3x4", -1 }, { "3x4", -2 },
        { "2x3x4", 0 }, { "2x3x4", 1 }, { "2x3x4", 2 }, { "2x3x4", -1 }, { "2x3x4", -3 },
    };

    [Theory, MemberData(nameof(ShapesAndDims))]
    public void GradCheck(string shape, int dim) =>
        // weighted so that the gradient is not trivially 0 (softmax sums to 1 along dim)
        GradAssert.Passes(x => x[0].Softmax(dim) * x[1], Normal(131, shape, 2.0), Normal(132, shape));

    [Theory, MemberData(nameof(ShapesAndDims))]
    public void GradGradCheck(string shape, int dim) =>
        GradAssert.SecondOrderPasses(x => x[0].Softmax(dim), Normal(133, shape));

    [Fact]
    public void GradCheck_LargeInputs() =>
        GradAssert.Passes(x => (x[0] + 1000.0).Softmax(1) * Tensor.Arange(3), Leaf([1.0, 2.0, 0.5, -1.0, 3.0, 0.0], 2, 3));

    [Fact]
    public void LargeInputs_DoNotOverflow()
    {
        var y = Tensor.From([1000.0, 1001.0, -1000.0, 1e300], 1, 4).Softmax(-1);
        Assert.All(y.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0, y.Sum().Item(), 15);
    }

    [Theory]
    [InlineData(DType.Float32, false)]
    [InlineData(DType.Float32, true)]
    [InlineData(DType.Float64, false)]
    [InlineData(DType.Float64, true)]
    public void Rows_shared_among_the_cores_have_the_bits_of_each_row_alone(DType dtype, bool log)
    {
        // From 16,384 elements the rows are computed in blocks shared among the cores; each must come out as when
        // computed alone (a small tensor, which the caller computes). Contiguous rows ([600, 50] along dim 1) and
        // strided ones ([8, 50, 100] along dim 1, a block of 5,000 elements per outer index).
        Tensor Apply(Tensor t, int dim) => log ? t.LogSoftmax(dim) : t.Softmax(dim);
        var rows = Normal(147, [600, 50], 3.0, requiresGrad: false).To(dtype);
        var eachRow = Tensor.Stack([.. Enumerable.Range(0, 600).Select(r => Apply(rows.Select(0, r), 0))]);
        Assert.Equal(LogSoftmaxTests.Bits(eachRow), LogSoftmaxTests.Bits(Apply(rows, 1)));
        var blocks = Normal(148, [8, 50, 100], 3.0, requiresGrad: false).To(dtype);
        var eachBlock = Tensor.Stack([.. Enumerable.Range(0, 8).Select(o => Apply(blocks.Select(0, o), 0))]);
        Assert.Equal(LogSoftmaxTests.Bits(eachBlock), LogSoftmaxTests.Bits(Apply(blocks, 1)));
    }
}
