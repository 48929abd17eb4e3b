using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Eq/Ne/Lt/Le/Gt/Ge: Bool results with broadcasting and PyTorch's promotion; never recorded.</summary>
public class CompareTests
{
    public static TheoryData<string> TorchCases => new(new[] { "eq", "ne", "lt", "le", "gt", "ge" }.SelectMany(op => TorchFixtures.IdList(op)));

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    private static readonly Tensor A = Tensor.From([1.0, 2.0, double.NaN, -0.0]);
    private static readonly Tensor B = Tensor.From([1.0, 3.0, double.NaN, 0.0]);

    [Fact]
    public void Each_comparison_as_IEEE_and_PyTorch()
    {
        Assert.Equal(new[] { true, false, false, true }, A.Eq(B).ToBoolArray());
        Assert.Equal(new[] { false, true, true, false }, A.Ne(B).ToBoolArray());
        Assert.Equal(new[] { false, true, false, false }, A.Lt(B).ToBoolArray());
        Assert.Equal(new[] { true, true, false, true }, A.Le(B).ToBoolArray());
        Assert.Equal(new[] { false, false, false, false }, A.Gt(B).ToBoolArray());
        Assert.Equal(new[] { true, false, false, true }, A.Ge(B).ToBoolArray());
        Assert.Equal(DType.Bool, A.Eq(B).DType);
    }

    [Fact]
    public void Broadcasts()
    {
        var col = Tensor.From([1.0, 2.0], 2, 1);
        var row = Tensor.From([0.0, 1.0, 2.0]);
        var y = col.Gt(row);
        Assert.Equal([2, 3], y.Shape);
        Assert.Equal(new[] { true, false, false, true, true, false }, y.ToBoolArray());
        Assert.Equal([0], Tensor.Zeros([0]).Eq(1.0).Shape);
        Assert.Equal(new[] { true }, Tensor.Scalar(2).Eq(Tensor.Scalar(2)).Reshape(1).ToBoolArray());
    }

    [Fact]
    public void Numbers_and_dtypes_promote_as_PyTorch()
    {
        var i = Tensor.From(new long[] { 1, 2, 3 });
        // torch: tensor([1, 2]) < 1.5 -> [True, False]; tensor([1, 2]).eq(tensor([1., 2.5])) -> [True, False]
        Assert.Equal(new[] { true, false, false }, i.Lt(1.5).ToBoolArray());
        Assert.Equal(new[] { true, false }, Tensor.From(new long[] { 1, 2 }).Eq(Tensor.From([1.0, 2.5])).ToBoolArray());
        Assert.Equal(new[] { true, false }, Tensor.From(new[] { 1L << 53, (1L << 53) + 1 }).Eq(9007199254740992.0).ToBoolArray()); // compared as int64, exactly
        Assert.Equal(new[] { true, false }, Tensor.From([true, false]).Eq(1).ToBoolArray());
        Assert.Equal(new[] { false, true }, Tensor.From([true, false]).Eq(Tensor.From([false, false])).ToBoolArray());
        Assert.Equal(new[] { true, false }, Tensor.From([0.1f, 0.2f]).Eq(0.1).ToBoolArray()); // compared in float32, as torch
    }

    [Fact]
    public void Never_requires_grad()
    {
        var x = Normal(701, "3x4");
        var y = x.Gt(0.0);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
    }

    [Fact]
    public void Refuses_shapes_that_do_not_broadcast()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Lt(Tensor.Zeros(4)));
        Assert.Contains("Lt", e.Message);
        Assert.Contains("[3]", e.Message);
    }
}
