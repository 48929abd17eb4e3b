using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class CumSumTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("cumsum");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int> ShapesAndDims
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var shape in new[] { "5", "3x4", "2x3x4" })
                for (int d = -Shape(shape).Length; d < Shape(shape).Length; d++) data.Add(shape, d);
            data.Add("scalar", 0);
            data.Add("scalar", -1);
            return data;
        }
    }

    [Theory, MemberData(nameof(ShapesAndDims))]
    public void GradCheck(string shape, int dim) => GradAssert.Passes(x => x[0].CumSum(dim), Normal(450, shape));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].CumSum(1) * x[0], Normal(451, "3x4"));

    [Fact]
    public void RunsAlongTheDim_AndItsGradientIsTheReversedCumSum()
    {
        var x = Leaf([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        Assert.Equal([1.0, 3.0, 6.0, 4.0, 9.0, 15.0], x.CumSum(1).ToArray());
        Assert.Equal([1.0, 2.0, 3.0, 5.0, 7.0, 9.0], x.CumSum(0).ToArray());
        var g = Autograd.Grad([x.CumSum(-1)], [x], [Tensor.From([1.0, 10.0, 100.0, 1.0, 1.0, 1.0], 2, 3)])[0]!;
        Assert.Equal([111.0, 110.0, 100.0, 3.0, 2.0, 1.0], g.ToArray());
    }

    /// <summary>PyTorch accumulates a float32 cumsum in double and rounds each output: 10,000 × 0.1f then ends at
    /// the double sum rounded, not at the float32 running sum (which drifts to 999.9029).</summary>
    [Fact]
    public void Float32_AccumulatesInDouble()
    {
        var x = Tensor.Full([10000], 0.1, DType.Float32);
        double exact = 0;
        for (int i = 0; i < 10000; i++) exact += 0.1f;
        Assert.Equal((float)exact, (float)x.CumSum(0).ToArray()[^1]);
    }

    [Fact]
    public void EmptyAnd0D()
    {
        Assert.Equal([0, 3], Tensor.Zeros(0, 3).CumSum(0).Shape);
        Assert.Equal(2.5, Tensor.Scalar(2.5).CumSum(0).Item());
    }

    [Fact]
    public void DimOutOfRange_NamesTheOpAndTheRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).CumSum(2));
        Assert.Contains("CumSum", ex.Message);
        Assert.Contains("[-2, 1]", ex.Message);
    }
}
