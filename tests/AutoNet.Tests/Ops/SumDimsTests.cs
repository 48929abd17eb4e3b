using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Sum and Mean over several dims.</summary>
public class SumDimsTests
{
    public static TheoryData<string> TorchSumCases => TorchFixtures.Ids("sum_dims");
    public static TheoryData<string> TorchMeanCases => TorchFixtures.Ids("mean_dims");

    [Theory, MemberData(nameof(TorchSumCases))]
    public void Sum_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchMeanCases))]
    public void Mean_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int[], bool> ShapesDims => new()
    {
        { "2x3x4", [0, 2], false }, { "2x3x4", [-1, 0], true }, { "2x3x4", [1], false }, { "2x3x4", [0, 1, 2], true },
        { "2x3x4", [], false }, { "3x4", [0, 1], false }, { "scalar", [0], false }, { "scalar", [], true },
    };

    [Theory, MemberData(nameof(ShapesDims))]
    public void GradCheck(string shape, int[] dims, bool keepDim)
    {
        GradAssert.Passes(x => x[0].Sum(dims, keepDim), Normal(480, shape));
        GradAssert.Passes(x => x[0].Mean(dims, keepDim), Normal(481, shape));
    }

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Sum([0, 2]) * x[0].Mean([1, 2]).Sum(), Normal(482, "2x3x4"));

    [Fact]
    public void EqualsSummingOneDimAtATime_WithPyTorchsShapes()
    {
        var x = Normal(483, "2x3x4");
        Assert.Equal(x.Sum(0).Sum(1).ToArray(), x.Sum([0, 2]).ToArray()); // dims summed in increasing order
        Assert.Equal([1, 3, 1], x.Sum([0, -1], keepDim: true).Shape);
        Assert.Equal([3], x.Mean([0, 2]).Shape);
        Assert.Equal(x.Sum([0, 2]).ToArray().Select(v => v / 8).ToArray(), x.Mean([0, 2]).ToArray());
        Assert.Empty(x.Sum([]).Shape);                        // PyTorch 1.13: an empty list sums every dim
        Assert.Equal([1, 1, 1], x.Mean([], keepDim: true).Shape);
        Assert.Equal(x.Sum().Item(), x.Sum([]).Item());
        Assert.Equal([0.0, 0.0], Tensor.Zeros(2, 0, 3).Sum([1, 2]).ToArray());
        Assert.True(double.IsNaN(Tensor.Zeros(2, 0).Mean([1]).ToArray()[0]));
    }

    [Fact]
    public void RepeatedOrOutOfRangeDims_NameTheOp()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Equal("Sum: dim 0 appears more than once in dims [0, -2]. (Parameter 'dims')",
            Assert.Throws<ArgumentException>(() => x.Sum([0, -2])).Message);
        Assert.StartsWith("Mean: dim 1 appears", Assert.Throws<ArgumentException>(() => x.Mean([1, 1])).Message);
        Assert.Contains("[-2, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum([2])).Message);
        Assert.Throws<ArgumentNullException>(() => x.Sum((int[])null!));
    }
}
