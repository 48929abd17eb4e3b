using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class LogSumExpTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("logsumexp");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int, bool> ShapesDims
    {
        get
        {
            var data = new TheoryData<string, int, bool>();
            foreach (var shape in new[] { "5", "3x4", "2x3x4" })
                for (int d = -Shape(shape).Length; d < Shape(shape).Length; d++)
                {
                    data.Add(shape, d, false);
                    data.Add(shape, d, true);
                }
            data.Add("scalar", 0, false);
            return data;
        }
    }

    [Theory, MemberData(nameof(ShapesDims))]
    public void GradCheck(string shape, int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].LogSumExp(dim, keepDim), Normal(470, shape, 2.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].LogSumExp(1), Normal(471, "3x4"));

    [Fact]
    public void StableAtPlusAndMinus1000()
    {
        var y = Tensor.From([1000.0, 1000.0, -1000.0, -1000.0], 2, 2).LogSumExp(1).ToArray();
        Assert.Equal([1000 + Math.Log(2), -1000 + Math.Log(2)], y);
        var f = Tensor.From([1000f, 1000f], 1, 2).LogSumExp(1).ToArray();
        Assert.Equal((float)(1000 + Math.Log(2)), (float)f[0]);
    }

    /// <summary>PyTorch: a row of -inf gives -inf (gradient NaN), a row holding +inf gives +inf, an empty dim -inf.</summary>
    [Fact]
    public void InfiniteRows_FollowPyTorch()
    {
        var inf = double.PositiveInfinity;
        var x = Leaf([-inf, -inf, 1.0, 2.0, inf, 0.0], 3, 2);
        var y = x.LogSumExp(1);
        Assert.Equal([-inf, 2 + Math.Log(1 + Math.Exp(-1)), inf], y.ToArray());
        var g = Autograd.Grad([y.Sum()], [x])[0]!.ToArray();
        Assert.True(double.IsNaN(g[0]) && double.IsNaN(g[1]) && double.IsNaN(g[4]));
        Assert.Equal(1.0, g[2] + g[3], 15);
        Assert.Equal(0.0, g[5]);
        Assert.Equal([-inf, -inf], Tensor.Zeros(2, 0).LogSumExp(1).ToArray());
    }

    [Fact]
    public void DimOutOfRange_NamesTheOp() =>
        Assert.Contains("LogSumExp", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(3).LogSumExp(1)).Message);
}
