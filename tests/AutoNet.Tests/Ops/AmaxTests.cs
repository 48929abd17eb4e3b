using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Max()/Min() over every element and Amax/Amin over dims: ties split the gradient evenly (torch 1.13).</summary>
public class AmaxTests
{
    public static TheoryData<string> TorchCases => new(new[] { "max_all", "min_all", "amax", "amin" }.SelectMany(op => TorchFixtures.IdList(op)));

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory]
    [InlineData("scalar")]
    [InlineData("7")]
    [InlineData("3x4")]
    [InlineData("2x3x4")]
    public void Max_and_Min_GradCheck(string shape)
    {
        GradAssert.Passes(x => x[0].Max(), Normal(721, shape));
        GradAssert.Passes(x => x[0].Min(), Normal(722, shape));
        GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Max(), Normal(723, shape));
    }

    [Theory]
    [InlineData(new[] { 0 }, false)]
    [InlineData(new[] { -1 }, true)]
    [InlineData(new[] { 0, 2 }, false)]
    [InlineData(new[] { 2, -3 }, true)]
    [InlineData(new[] { 0, 1, 2 }, false)]
    [InlineData(new int[0], false)]
    public void Amax_and_Amin_GradCheck(int[] dims, bool keepDim)
    {
        GradAssert.Passes(x => x[0].Amax(dims, keepDim), Normal(724, "2x3x4"));
        GradAssert.Passes(x => x[0].Amin(dims, keepDim), Normal(725, "2x3x4"));
        GradAssert.SecondOrderPasses(x => (x[0] * x[0]).Amin(dims, keepDim), Normal(726, "2x3x4"));
    }

    [Fact]
    public void Ties_split_the_gradient_evenly_as_PyTorch()
    {
        // torch 1.13: x.max().backward() -> [[0, .5, .5], [0, 0, 0]]; x.amax(1) -> [[0, .5, .5], [.5, .5, 0]]
        var x = Leaf([1.0, 3.0, 3.0, 2.0, 2.0, 0.0], 2, 3);
        Assert.Equal(new[] { 0, 0.5, 0.5, 0, 0, 0 }, Autograd.Grad([x.Max()], [x])[0]!.ToArray());
        Assert.Equal(new[] { 0, 0.5, 0.5, 0.5, 0.5, 0 }, Autograd.Grad([x.Amax([1]).Sum()], [x])[0]!.ToArray());
        Assert.Equal(new[] { 0, 0, 0, 0, 0, 1.0 }, Autograd.Grad([x.Min()], [x])[0]!.ToArray());
    }

    [Fact]
    public void Values_shapes_and_dtypes()
    {
        var x = Tensor.From([1.0, 5.0, -2.0, 4.0, 0.5, 7.0], 2, 3);
        Assert.Equal(7.0, x.Max().Item());
        Assert.Equal(-2.0, x.Min().Item());
        Assert.Equal([], x.Max().Shape);
        Assert.Equal(new[] { 5.0, 7 }, x.Amax([1]).ToArray());
        Assert.Equal([2, 1], x.Amax([-1], keepDim: true).Shape);
        Assert.Equal([1, 1], x.Amin([0, 1], keepDim: true).Shape);
        Assert.Equal(new long[] { 7 }, Tensor.From(new long[] { 3, 7, -1 }).Max().Reshape(1).ToInt64Array());
        Assert.Equal(DType.Int64, Tensor.From(new long[] { 3, 7, -1 }).Amin([0]).DType);
        Assert.True(Tensor.From([true, false]).Max().ToBoolArray()[0]);
        Assert.True(double.IsNaN(Tensor.From([1.0, double.NaN, 3.0]).Max().Item()));
        Assert.True(double.IsNaN(Tensor.From([1.0, double.NaN, 3.0]).Amin([0]).Item()));
    }

    [Fact]
    public void Errors_name_the_op_and_the_problem()
    {
        Assert.Contains("Max: cannot take the maximum of an empty tensor (shape [0, 3])", Assert.Throws<ArgumentException>(() => Tensor.Zeros(0, 3).Max()).Message);
        Assert.Contains("Amax: cannot reduce dim 0 of size 0", Assert.Throws<ArgumentException>(() => Tensor.Zeros(0, 3).Amax([0])).Message);
        Assert.Equal([0], Tensor.Zeros(0, 3).Amax([1]).Shape);
        Assert.Contains("appears more than once", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Amin([1, -1])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Amax([2]));
    }
}
