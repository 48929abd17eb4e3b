using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Tensor.Cat: torch.cat's values, gradient (narrowed per input), legacy empty tensors, dtypes and errors.</summary>
public class CatTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("cat");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, string, string, int> Patterns => new()
    {
        { "2x3", "4x3", "1x3", 0 }, { "2x3", "2x1", "2x4", 1 }, { "2x3", "2x1", "2x4", -1 },
        { "2x3x4", "2x1x4", "2x2x4", 1 }, { "5", "2", "1", 0 }, { "2x3", "0x3", "1x3", -2 },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void GradCheck(string a, string b, string c, int dim) =>
        GradAssert.Passes(x => Tensor.Cat(x, dim), Normal(301, a), Normal(302, b), Normal(303, c));

    [Theory, MemberData(nameof(Patterns))]
    public void GradGradCheck(string a, string b, string c, int dim) =>
        GradAssert.SecondOrderPasses(x => Tensor.Cat([x[0] * x[0], x[1], x[2] * x[1].Sum()], dim), Normal(304, a), Normal(305, b), Normal(306, c));

    [Fact]
    public void Values_AreJoinedInOrder()
    {
        var y = Tensor.Cat([Tensor.From([1.0, 2, 3, 4], 2, 2), Tensor.From([5.0, 6], 2, 1)], 1);
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        Assert.Equal(new[] { 1.0, 2, 5, 3, 4, 6 }, y.ToArray());
    }

    [Fact]
    public void GradientOfEachInput_IsItsSliceOfTheOutputGradient()
    {
        var a = Leaf([1.0, 2, 3, 4], 2, 2);
        var b = Leaf([5.0, 6], 2, 1);
        var g = Autograd.Grad([Tensor.Cat([a, b], 1)], [a, b], [Tensor.From([10.0, 20, 30, 40, 50, 60], 2, 3)]);
        Assert.Equal(new[] { 10.0, 20, 40, 50 }, g[0]!.ToArray());
        Assert.Equal(new[] { 30.0, 60 }, g[1]!.ToArray());
    }

    [Fact]
    public void TheSameTensorTwice_GetsBothSlices()
    {
        var a = Leaf([1.0, 2]);
        var g = Autograd.Grad([Tensor.Cat([a, a])], [a], [Tensor.From([1.0, 2, 3, 4])])[0]!;
        Assert.Equal(new[] { 4.0, 6 }, g.ToArray());
    }

    [Fact]
    public void LegacyEmpty1D_IsSkippedWhateverTheRank_AndGetsAnEmptyGradient()
    {
        var e = Leaf([]);
        var a = Leaf([1.0, 2, 3, 4, 5, 6], 2, 3);
        var y = Tensor.Cat([e, a, e]);
        Assert.Equal(new[] { 2, 3 }, y.Shape);
        var g = Autograd.Grad([y.Sum()], [e, a]);
        Assert.Equal(new[] { 0 }, g[0]!.Shape);
        Assert.Equal(Enumerable.Repeat(1.0, 6), g[1]!.ToArray());
        Assert.Equal(new[] { 0 }, Tensor.Cat([Tensor.Zeros(0), Tensor.Zeros(0)], 1).Shape);
    }

    [Fact]
    public void EmptyAlongOtherDims_MustStillMatch_AsTorch()
    {
        Assert.Equal(new[] { 2, 3 }, Tensor.Cat([Tensor.Zeros(2, 0), Tensor.Zeros(2, 3)], 1).Shape);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Cat([Tensor.Zeros(2, 0), Tensor.Zeros(2, 3)]));
        Assert.Contains("tensor 1 has shape [2, 3], expected [*, 0] like tensor 0", ex.Message);
    }

    [Fact]
    public void MixedDtypes_PromoteToFloat64_AndEachGradientKeepsItsDtype()
    {
        var a = Leaf([1.0, 2]).To(DType.Float32).Detach();
        a.RequiresGrad = true;
        var b = Leaf([3.0]);
        var y = Tensor.Cat([a, b]);
        Assert.Equal(DType.Float64, y.DType);
        var g = Autograd.Grad([y.Sum()], [a, b]);
        Assert.Equal(DType.Float32, g[0]!.DType);
        Assert.Equal(DType.Float64, g[1]!.DType);
        Assert.Equal(DType.Float32, Tensor.Cat([a, a]).DType);
    }

    [Fact]
    public void Int64AndBool_PromoteAsTorch()
    {
        var i = Tensor.From(new long[] { 1, 2 }, 2);
        var b = Tensor.From(new[] { true }, 1);
        var ib = Tensor.Cat([i, b]);
        Assert.Equal(DType.Int64, ib.DType);
        Assert.Equal(new[] { 1.0, 2, 1 }, ib.ToArray());
        var f = Tensor.Cat([i, Tensor.Zeros([1], DType.Float32)]);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal(new[] { 1.0, 2, 0 }, f.ToArray());
        Assert.Equal(DType.Bool, Tensor.Cat([b, b]).DType);
    }

    [Fact]
    public void Errors_NameTheTensorAndShapes()
    {
        var a = Tensor.Zeros(2, 3);
        Assert.Contains("non-empty list", Assert.Throws<ArgumentException>(() => Tensor.Cat([])).Message);
        Assert.Contains("Cat: tensor 1 has shape [2, 4], expected [*, 3] like tensor 0 (shape [2, 3]): sizes must match except in dim 0",
            Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Tensor.Zeros(2, 4)])).Message);
        Assert.Contains("Cat: tensor 1 has shape [2, 3, 1] (3 dims), expected 2 dims like tensor 0",
            Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Tensor.Zeros(2, 3, 1)])).Message);
        Assert.Contains("tensor 1 is 0-d", Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Tensor.Scalar(1)])).Message);
        Assert.Contains("dim 2 is out of range", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Cat([a, a], 2)).Message);
        Assert.Contains("tensor 1 of the list is null", Assert.Throws<ArgumentNullException>(() => Tensor.Cat([a, null!])).Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.Cat(null!));
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        var a = Leaf([1.0]);
        using (Autograd.NoGrad()) Assert.Null(Tensor.Cat([a, a]).GradFn);
        Assert.NotNull(Tensor.Cat([a, a]).GradFn);
    }
}
