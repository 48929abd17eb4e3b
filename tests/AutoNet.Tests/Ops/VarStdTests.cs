using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Var and Std: along one dim (correction, keepDim) or over all elements.</summary>
public class VarStdTests
{
    public static TheoryData<string> TorchVarCases => TorchFixtures.Ids("var");
    public static TheoryData<string> TorchStdCases => TorchFixtures.Ids("std");

    [Theory, MemberData(nameof(TorchVarCases))]
    public void Var_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchStdCases))]
    public void Std_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int, int, bool> ShapesDims
    {
        get
        {
            var data = new TheoryData<string, int, int, bool>();
            foreach (var shape in new[] { "5", "3x4", "2x3x4" })
                for (int d = -Shape(shape).Length; d < Shape(shape).Length; d++)
                {
                    data.Add(shape, d, 1, false);
                    data.Add(shape, d, 0, true);
                }
            data.Add("3x4", 1, 2, false);
            data.Add("3x4", 0, -1, true);
            return data;
        }
    }

    [Theory, MemberData(nameof(ShapesDims))]
    public void GradCheck(string shape, int dim, int correction, bool keepDim)
    {
        GradAssert.Passes(x => x[0].Var(dim, correction, keepDim), Normal(460, shape));
        GradAssert.Passes(x => x[0].Std(dim, correction, keepDim), Normal(461, shape));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("3x4")]
    [InlineData("2x3x4")]
    public void AllElements_GradCheck(string shape)
    {
        GradAssert.Passes(x => x[0].Var(), Normal(462, shape));
        GradAssert.Passes(x => x[0].Std(), Normal(463, shape));
    }

    [Fact]
    public void GradGradCheck()
    {
        GradAssert.SecondOrderPasses(x => x[0].Var(1), Normal(464, "3x4"));
        GradAssert.SecondOrderPasses(x => x[0].Std(0, 0, keepDim: true), Normal(465, "3x4"));
        GradAssert.SecondOrderPasses(x => x[0].Var(), Normal(466, "2x3"));
        GradAssert.SecondOrderPasses(x => x[0].Std(), Normal(467, "2x3"));
    }

    [Fact]
    public void Values_AreTheTextbookOnes()
    {
        var x = Tensor.From([1.0, 2.0, 3.0, 4.0, 2.0, 2.0, 2.0, 6.0], 2, 4);
        Assert.Equal([1.6666666666666667, 4.0], x.Var(1).ToArray());
        Assert.Equal([1.25, 3.0], x.Var(1, correction: 0).ToArray());
        Assert.Equal([2, 1], x.Std(-1, keepDim: true).Shape);
        Assert.Equal(Math.Sqrt(3.0), x.Std(1, 0).ToArray()[1], 15);
        Assert.Equal(Math.Sqrt(x.Var().Item()), x.Std().Item());
    }

    /// <summary>Two-pass in double: values of 1e8 ± 10 keep their variance (a one-pass Σx² - n·mean² loses it).</summary>
    [Fact]
    public void LargeOffset_KeepsItsAccuracy()
    {
        var deviations = new[] { -10.0, 3.0, 7.0, 0.5, -0.5 };
        var x = Tensor.From(deviations.Select(d => 1e8 + d).ToArray());
        double mean = deviations.Average();
        double exact = deviations.Sum(d => (d - mean) * (d - mean)) / 4;
        Assert.Equal(exact, x.Var().Item(), 1e-12 * exact);
        var single = Tensor.From(deviations.Select(d => (float)(1000 + d)).ToArray());
        Assert.Equal((float)exact, (float)single.Var().Item());
    }

    /// <summary>PyTorch 1.13: a constant row has std 0 and gradient 0 (not NaN); one element with correction 1 has
    /// var NaN and gradient NaN along a dim, and grad·inf over all elements of a 0-d tensor.</summary>
    [Fact]
    public void DegenerateRows_FollowPyTorch()
    {
        var x = Leaf([2.5, 2.5, 2.5]);
        Assert.Equal([0.0, 0.0, 0.0], Autograd.Grad([x.Std()], [x])[0]!.ToArray());
        Assert.Equal([0.0, 0.0, 0.0], Autograd.Grad([x.Std(0, 0)], [x])[0]!.ToArray());
        var one = Leaf([1.7]);
        Assert.True(double.IsNaN(one.Var(0).Item()));
        Assert.True(double.IsNaN(Autograd.Grad([one.Var(0)], [one])[0]!.Item()));
        var scalar = ScalarLeaf(1.7);
        Assert.Equal(double.NegativeInfinity, Autograd.Grad([scalar.Var(0)], [scalar], [Tensor.Scalar(-0.5)])[0]!.Item());
        Assert.Equal(0.0, Autograd.Grad([scalar.Var(0, correction: 2)], [scalar], [Tensor.Scalar(-0.5)])[0]!.Item());
        Assert.Equal(double.PositiveInfinity, Tensor.From([1.0, 2.0]).Var(0, correction: 3).Item());
        Assert.True(double.IsNaN(Tensor.Zeros(2, 0).Var(1).ToArray()[0]));
    }

    [Fact]
    public void DimOutOfRange_NamesTheOp()
    {
        Assert.Contains("Var: dim 2", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Var(2)).Message);
        Assert.Contains("Std: dim -3", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Std(-3)).Message);
    }
}
