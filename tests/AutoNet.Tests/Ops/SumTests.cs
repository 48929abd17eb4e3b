using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Sum, and Mean (a composite: Sum divided by the count).</summary>
public class SumTests
{
    public static TheoryData<string> TorchSumCases => TorchFixtures.Ids("sum");
    public static TheoryData<string> TorchMeanCases => TorchFixtures.Ids("mean");

    [Theory, MemberData(nameof(TorchSumCases))]
    public void Sum_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchMeanCases))]
    public void Mean_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    /// <summary>Every dim (negative too) of 1- to 3-D shapes, keepDim both ways.</summary>
    public static TheoryData<string, int, bool> ShapesDimsKeep
    {
        get
        {
            var data = new TheoryData<string, int, bool>();
            foreach (var shape in new[] { "5", "3x4", "2x3x4" })
            {
                int rank = Shape(shape).Length;
                for (int d = -rank; d < rank; d++)
                {
                    data.Add(shape, d, false);
                    data.Add(shape, d, true);
                }
            }
            data.Add("scalar", 0, false);
            data.Add("scalar", -1, true);
            return data;
        }
    }

    [Theory, MemberData(nameof(ShapesDimsKeep))]
    public void Sum_GradCheck(string shape, int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Sum(dim, keepDim), Normal(151, shape));

    [Theory, MemberData(nameof(ShapesDimsKeep))]
    public void Mean_GradCheck(string shape, int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Mean(dim, keepDim), Normal(152, shape));

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void SumAndMeanOfEverything_GradCheck(string shape)
    {
        GradAssert.Passes(x => x[0].Sum(), Normal(153, shape));
        GradAssert.Passes(x => x[0].Mean(), Normal(154, shape));
    }

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Sum(1) * x[0].Mean(), Normal(155, "3x4"));

    [Fact]
    public void KeepDim_KeepsTheReducedDimAsOne()
    {
        var x = Normal(156, "2x3x4");
        Assert.Equal([2, 1, 4], x.Sum(-2, keepDim: true).Shape);
        Assert.Equal([2, 4], x.Mean(1).Shape);
        Assert.Empty(x.Sum().Shape);
    }

    [Fact]
    public void DimOutOfRange_NamesTheValidRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Normal(157, "3x4").Sum(2));
        Assert.Contains("[-2, 1]", ex.Message);
    }
}
