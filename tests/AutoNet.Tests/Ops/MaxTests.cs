using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class MaxTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("max");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    // Random normal values are distinct (by more than 2·eps), so the maximum does not switch under perturbation.
    [Theory, MemberData(nameof(SumTests.ShapesDimsKeep), MemberType = typeof(SumTests))]
    public void GradCheck(string shape, int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Max(dim, keepDim), Normal(161, shape));

    [Fact]
    public void GradCheck_OverEverything() => GradAssert.Passes(x => x[0].Reshape(-1).Max(0), Normal(162, "3x4"));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Max(1), Normal(163, "3x4"));

    [Fact]
    public void Ties_SendTheGradientToTheFirstMaximum_AsPyTorch()
    {
        var x = Leaf([1.0, 3.0, 3.0, 2.0, 2.0, 2.0], 2, 3);
        var g = Autograd.Grad([x.Max(1).Sum()], [x])[0]!;
        Assert.Equal([0.0, 1.0, 0.0, 1.0, 0.0, 0.0], g.ToArray());
    }

    [Fact]
    public void NaN_IsTheMaximum_AsPyTorch()
    {
        Assert.True(double.IsNaN(Tensor.From([1.0, double.NaN, 3.0]).Max(0).Item()));
    }

    // dtypes task: Min(dim), the indices, ArgMax/ArgMin.
    public static TheoryData<string> IndexCases => new(new[] { "min", "max_indices", "min_indices", "argmax", "argmin" }.SelectMany(op => TorchFixtures.IdList(op)));

    [Theory, MemberData(nameof(IndexCases))]
    public void Indices_and_Min_MatchPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(SumTests.ShapesDimsKeep), MemberType = typeof(SumTests))]
    public void Min_GradCheck(string shape, int dim, bool keepDim)
    {
        GradAssert.Passes(x => x[0].Min(dim, keepDim), Normal(164, shape));
        GradAssert.Passes(x => x[0].MinWithIndices(dim, keepDim).Values, Normal(165, shape));
    }

    [Fact]
    public void Min_GradGradCheck() => GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Min(0), Normal(166, "3x4"));

    [Fact]
    public void WithIndices_gives_the_first_extremum_as_Int64()
    {
        // torch: tensor([[1,3,3],[2,2,0]]).max(dim=1) -> values [3, 2], indices [1, 0]; min -> [1, 0], indices [0, 2]
        var x = Tensor.From([1.0, 3.0, 3.0, 2.0, 2.0, 0.0], 2, 3);
        var (values, indices) = x.MaxWithIndices(1);
        Assert.Equal(new[] { 3.0, 2 }, values.ToArray());
        Assert.Equal(DType.Int64, indices.DType);
        Assert.Equal(new long[] { 1, 0 }, indices.ToInt64Array());
        var (minValues, minIndices) = x.MinWithIndices(1, keepDim: true);
        Assert.Equal([2, 1], minIndices.Shape);
        Assert.Equal(new[] { 1.0, 0 }, minValues.ToArray());
        Assert.Equal(new long[] { 0, 2 }, minIndices.ToInt64Array());
        Assert.False(indices.RequiresGrad);
        Assert.Equal(new long[] { 1 }, Tensor.From(new long[] { 1, 3, 3 }, 1, 3).MaxWithIndices(1).Indices.ToInt64Array());
    }

    [Fact]
    public void Min_ties_send_the_gradient_to_the_first_minimum()
    {
        var x = Leaf([1.0, 0.0, 0.0, 2.0, 2.0, 2.0], 2, 3);
        Assert.Equal([0.0, 1.0, 0.0, 1.0, 0.0, 0.0], Autograd.Grad([x.Min(1).Sum()], [x])[0]!.ToArray());
        Assert.Equal("Min", x.Min(1).GradFn!.Name);
    }

    [Fact]
    public void ArgMax_and_ArgMin()
    {
        var x = Tensor.From(new long[] { 1, 3, 3, 2, 2, 0 }, 2, 3);
        Assert.Equal(new long[] { 1, 0 }, x.ArgMax(1).ToInt64Array());
        Assert.Equal(new long[] { 0, 2 }, x.ArgMin(-1).ToInt64Array());
        Assert.Equal([2, 1], x.ArgMax(1, keepDim: true).Shape);
        Assert.Equal(1L, x.ArgMax().ItemInt64()); // torch.argmax(x) flattens: the first 3 is at 1
        Assert.Equal([], x.ArgMax().Shape);
        Assert.Equal(5L, x.ArgMin().ItemInt64());
        Assert.Equal(1L, Tensor.From([1.0, double.NaN, 3.0]).ArgMax().ItemInt64()); // NaN is the maximum
        Assert.Equal(0L, Tensor.Scalar(4).ArgMax(0).ItemInt64());
        Assert.Contains("ArgMax: cannot take the index of the maximum of an empty tensor", Assert.Throws<ArgumentException>(() => Tensor.Zeros(0).ArgMax()).Message);
        Assert.Contains("ArgMin: cannot take the index of the minimum along dim 0 of size 0", Assert.Throws<ArgumentException>(() => Tensor.Zeros(0, 2).ArgMin(0)).Message);
    }
}
