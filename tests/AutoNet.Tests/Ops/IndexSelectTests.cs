using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>IndexSelect and IndexAdd: picks and adds along a dim by Int64 indices; repeated indices accumulate.</summary>
public class IndexSelectTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("index_select");
    public static TheoryData<string> IndexAddCases => TorchFixtures.Ids("index_add");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(IndexAddCases))]
    public void IndexAdd_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    private static Tensor Ix(params long[] values) => Tensor.From(values, values.Length);

    public static TheoryData<string, int, long[]> Patterns => new()
    {
        { "5x3", 0, new long[] { 4, 0, 4, 4, 2 } }, { "5x3", 1, new long[] { 2, 2 } }, { "2x3x4", 1, new long[] { 0, 2, 0 } },
        { "2x3x4", -1, new long[] { 3, 3, 1 } }, { "6", 0, new long[] { 1, 1, 5 } }, { "3x4", 0, Array.Empty<long>() },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void GradCheck_WithRepeatedIndices(string shape, int dim, long[] index)
    {
        if (index.Length == 0) return; // an empty output: covered by EmptyIndex_GivesAnEmptyDim_AndAZeroGradient
        GradAssert.Passes(x => x[0].IndexSelect(dim, Ix(index)), Normal(401, shape));
    }

    [Theory, MemberData(nameof(Patterns))]
    public void GradGradCheck_WithRepeatedIndices(string shape, int dim, long[] index)
    {
        if (index.Length == 0) return;
        GradAssert.SecondOrderPasses(x => (x[0] * x[0]).IndexSelect(dim, Ix(index)), Normal(402, shape));
    }

    [Theory, MemberData(nameof(Patterns))]
    public void IndexAdd_GradCheck_AndGradGradCheck(string shape, int dim, long[] index)
    {
        var x = Normal(403, shape);
        var sourceShape = Shape(shape);
        sourceShape[dim < 0 ? dim + sourceShape.Length : dim] = index.Length;
        var source = Normal(404, sourceShape);
        if (source.Count == 0) return;
        GradAssert.Passes(t => t[0].IndexAdd(dim, Ix(index), t[1]), x, source);
        GradAssert.SecondOrderPasses(t => t[0].IndexAdd(dim, Ix(index), t[1] * t[1] * t[0].Sum()), x, source);
    }

    [Fact]
    public void EmbeddingLookup_CofX_IsIndexSelectThenReshape()
    {
        var c = Normal(405, [27, 10]);
        var x = Tensor.From(new long[] { 0, 5, 26, 5, 5, 1 }, 2, 3);
        var emb = c.IndexSelect(0, x.Reshape(-1)).Reshape(2, 3, 10);
        Assert.Equal(new[] { 2, 3, 10 }, emb.Shape);
        Assert.Equal(c.ToArray().Skip(26 * 10).Take(10), emb.ToArray().Skip(2 * 10).Take(10));
        var g = Autograd.Grad([emb.Sum()], [c])[0]!.ToArray();
        Assert.Equal(3.0, g[5 * 10]);   // row 5 was picked three times: its gradient accumulates
        Assert.Equal(1.0, g[26 * 10]);
        Assert.Equal(0.0, g[2 * 10]);
    }

    [Fact]
    public void IndexAdd_AccumulatesRepeatedIndices()
    {
        var y = Tensor.Zeros(3).IndexAdd(0, Ix(1, 1, 2), Tensor.From([1.0, 2, 3]));
        Assert.Equal(new[] { 0.0, 3, 3 }, y.ToArray());
    }

    [Fact]
    public void ZeroDimIndex_AndZeroDimInput()
    {
        var x = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        var y = x.IndexSelect(1, Tensor.From(new long[] { 2 }, 1).Reshape());
        Assert.Equal(new[] { 2, 1 }, y.Shape);
        Assert.Equal(new[] { 3.0, 6 }, y.ToArray());
        Assert.Equal(7.0, Tensor.Scalar(7).IndexSelect(0, Ix(0)).Item());
        Assert.Empty(Tensor.Scalar(7).IndexSelect(0, Ix(0)).Shape);
    }

    [Fact]
    public void EmptyIndex_GivesAnEmptyDim_AndAZeroGradient()
    {
        var x = Normal(406, [3, 4]);
        var y = x.IndexSelect(0, Ix());
        Assert.Equal(new[] { 0, 4 }, y.Shape);
        Assert.Equal(new double[12], Autograd.Grad([y.Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void Int64Input_IsPickedToo()
    {
        var x = Tensor.From(new long[] { 10, 20, 30 }, 3);
        var y = x.IndexSelect(0, Ix(2, 0));
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(new[] { 30.0, 10 }, y.ToArray());
    }

    [Fact]
    public void Errors_NameTheValueAndTheDimSize()
    {
        var x = Tensor.Zeros(27, 10);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(0, Ix(3, 27)));
        Assert.Contains("IndexSelect: index 27 is out of range for dim 0 of size 27 (expected values in [0, 26])", e.Message);
        Assert.Contains("index -1 is out of range for dim 1 of size 10", Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(1, Ix(-1))).Message);
        Assert.Contains("index has dtype float64; expected an Int64 tensor", Assert.Throws<ArgumentException>(() => x.IndexSelect(0, Tensor.Zeros(2))).Message);
        Assert.Contains("index has shape [2, 1]; expected a 0-d or 1-D tensor", Assert.Throws<ArgumentException>(() => x.IndexSelect(0, Tensor.From(new long[] { 0, 1 }, 2, 1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(2, Ix(0)));
        Assert.Contains("IndexAdd: source has shape [2, 3], expected [2, 10]",
            Assert.Throws<ArgumentException>(() => x.IndexAdd(0, Ix(0, 1), Tensor.Zeros(2, 3))).Message);
        Assert.Contains("IndexAdd: source has dtype float32, expected float64",
            Assert.Throws<ArgumentException>(() => x.IndexAdd(0, Ix(0), Tensor.Zeros([1, 10], DType.Float32))).Message);
        Assert.Contains("index 30 is out of range for dim 0 of size 27",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexAdd(0, Ix(30), Tensor.Zeros(1, 10))).Message);
    }
}
