using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Gather and ScatterAdd (general N-D, torch's shape rules); repeated indices accumulate in the gradient.</summary>
public class GatherScatterTests
{
    public static TheoryData<string> GatherCases => TorchFixtures.Ids("gather");
    public static TheoryData<string> ScatterAddCases => TorchFixtures.Ids("scatter_add");

    [Theory, MemberData(nameof(GatherCases))]
    public void Gather_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(ScatterAddCases))]
    public void ScatterAdd_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    private static Tensor Ix(long[] values, params int[] shape) => Tensor.From(values, shape);

    public static TheoryData<string, int, long[], int[]> Patterns => new()
    {
        { "3x4", 1, new long[] { 0, 0, 3, 1, 1, 1 }, new[] { 3, 2 } },
        { "3x4", 0, new long[] { 2, 2, 0, 1, 2, 2, 2, 2 }, new[] { 2, 4 } },
        { "3x4", -1, new long[] { 3, 3 }, new[] { 2, 1 } },
        { "2x3x4", 1, new long[] { 0, 2, 2, 1, 0, 0, 1, 1 }, new[] { 2, 2, 2 } },
        { "5", 0, new long[] { 4, 4, 4, 0, 1, 2, 3 }, new[] { 7 } },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void Gather_GradCheck_AndGradGradCheck_WithRepeatedIndices(string shape, int dim, long[] index, int[] indexShape)
    {
        GradAssert.Passes(x => x[0].Gather(dim, Ix(index, indexShape)), Normal(411, shape));
        GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Gather(dim, Ix(index, indexShape)), Normal(412, shape));
    }

    [Theory, MemberData(nameof(Patterns))]
    public void ScatterAdd_GradCheck_AndGradGradCheck_WithRepeatedIndices(string shape, int dim, long[] index, int[] indexShape)
    {
        var src = Normal(413, indexShape);
        GradAssert.Passes(t => t[0].ScatterAdd(dim, Ix(index, indexShape), t[1]), Normal(414, shape), src);
        GradAssert.SecondOrderPasses(t => t[0].ScatterAdd(dim, Ix(index, indexShape), t[1] * t[1] * t[0].Sum()), Normal(415, shape), src);
    }

    [Fact]
    public void ScatterAdd_SrcLargerThanTheIndex_GetsZerosWhereNotRead()
    {
        var x = Normal(416, [2, 3]);
        var src = Normal(417, [2, 4]);
        var index = Ix([0, 0, 2, 1], 2, 2);
        GradAssert.Passes(t => t[0].ScatterAdd(1, index, t[1]), x, src);
        var g = Autograd.Grad([x.ScatterAdd(1, index, src).Sum()], [src])[0]!;
        Assert.Equal(new[] { 1.0, 1, 0, 0, 1, 1, 0, 0 }, g.ToArray());
    }

    [Fact]
    public void Gather_Values_AsTorch()
    {
        var x = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new[] { 3.0, 3, 4, 5 }, x.Gather(1, Ix([2, 2, 0, 1], 2, 2)).ToArray());
        Assert.Equal(new[] { 4.0, 2 }, x.Gather(0, Ix([1, 0], 1, 2)).ToArray());
        Assert.Equal(5.0, Tensor.Scalar(5).Gather(0, Tensor.From(new long[] { 0 }, 1).Reshape()).Item());
    }

    [Fact]
    public void ScatterAdd_Values_AsTorch()
    {
        var y = Tensor.Zeros(2, 3).ScatterAdd(1, Ix([0, 0, 2, 1], 2, 2), Tensor.Ones(2, 2));
        Assert.Equal(new[] { 2.0, 0, 0, 0, 1, 1 }, y.ToArray());
    }

    [Fact]
    public void TheLossesPick_StillWorks()
    {
        var x = Leaf([1.0, 2, 3, 4, 5, 6], 2, 3);
        var y = AutoNet.Ops.Gather.Forward(x, [2, 0]);
        Assert.Equal(new[] { 3.0, 4 }, y.ToArray());
        Assert.Equal(new[] { 0.0, 0, 1, 1, 0, 0 }, Autograd.Grad([y.Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void Errors_NameTheValuesAndShapes()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("Gather: index 3 is out of range for dim 1 of size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.Gather(1, Ix([3], 1, 1))).Message);
        Assert.Contains("Gather: index -1 is out of range for dim 1 of size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.Gather(1, Ix([-1], 1, 1))).Message);
        Assert.Contains("Gather: index has shape [2] (1 dims), expected 2 dims like the input (shape [2, 3])",
            Assert.Throws<ArgumentException>(() => x.Gather(1, Ix([0, 0], 2))).Message);
        Assert.Contains("Gather: index has shape [3, 1], expected no larger than the input's shape [2, 3] apart from dim 1",
            Assert.Throws<ArgumentException>(() => x.Gather(1, Ix([0, 0, 0], 3, 1))).Message);
        Assert.Contains("ScatterAdd: index has shape [2, 2], expected no larger than src's shape [2, 1]",
            Assert.Throws<ArgumentException>(() => x.ScatterAdd(1, Ix([0, 0, 0, 0], 2, 2), Tensor.Zeros(2, 1))).Message);
        Assert.Contains("ScatterAdd: src has dtype float32, expected float64",
            Assert.Throws<ArgumentException>(() => x.ScatterAdd(1, Ix([0], 1, 1), Tensor.Zeros([1, 1], DType.Float32))).Message);
        Assert.Contains("index has dtype float64",
            Assert.Throws<ArgumentException>(() => x.Gather(1, Tensor.Zeros(1, 1))).Message);
    }
}
