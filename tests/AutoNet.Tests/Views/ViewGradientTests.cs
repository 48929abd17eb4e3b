using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Views;

/// <summary>GradCheck and GradGradCheck of every view op and of the ops built on them (float64). Each function
/// squares the view, so that the second-order check goes through the view's backward (written in view ops) too.</summary>
public class ViewGradientTests
{
    public static TheoryData<string> Ops => new(Functions.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, (string Shape, Func<Tensor, Tensor> F)> Functions = new()
    {
        ["transpose"] = ("2x3x4", x => x.Transpose(0, 2)),
        ["t"] = ("3x4", x => x.T),
        ["permute"] = ("2x3x4", x => x.Permute(2, 0, 1)),
        ["unsqueeze"] = ("3x4", x => x.Unsqueeze(1)),
        ["squeeze"] = ("1x3x1x4", x => x.Squeeze()),
        ["squeeze_dim"] = ("1x3x1x4", x => x.Squeeze(2)),
        ["expand"] = ("3x1", x => x.Expand(2, 3, 4)),
        ["expand_scalar"] = ("scalar", x => x.Expand(3)),
        ["select"] = ("3x4", x => x.Select(1, -2)),
        ["narrow"] = ("5x4", x => x.Narrow(0, 1, 3)),
        ["view"] = ("3x4", x => x.View(2, 6)),
        ["view_of_slice"] = ("4x6", x => x[1..3].View(-1)),
        ["reshape_copy"] = ("3x4", x => x.T.Reshape(-1)),
        ["contiguous"] = ("3x4", x => x.T.Contiguous()),
        ["index"] = ("3x4x5", x => x[1, 1..3, ^2..]),
        ["index_of_transposed"] = ("3x4", x => x.T[^1, ..2]),
        ["flatten"] = ("2x3x4", x => x.Flatten(1)),
        ["unflatten"] = ("2x12", x => x.Unflatten(1, [3, -1])),
        ["split"] = ("5x4", x => x.Split(2)[2]),
        ["split_sizes"] = ("5x4", x => x.Split([1, 3], 1)[1]),
        ["chunk"] = ("5x4", x => x.Chunk(3, 0)[1]),
        ["views_of_views"] = ("2x3x4", x => x.Permute(1, 2, 0)[.., 1..].Unsqueeze(0).Expand(2, 3, 3, 2).Select(2, 1)),
    };

    [Theory, MemberData(nameof(Ops))]
    public void GradCheck(string op)
    {
        var (shape, f) = Functions[op];
        GradAssert.Passes(x => f(x[0]) * f(x[0]), Normal(301, shape));
    }

    [Theory, MemberData(nameof(Ops))]
    public void GradGradCheck(string op)
    {
        var (shape, f) = Functions[op];
        GradAssert.SecondOrderPasses(x => f(x[0]) * f(x[0]), Normal(302, shape));
    }

    [Fact]
    public void ASliceGradientIsPlacedIntoZeros()
    {
        var x = Leaf([1.0, 2, 3, 4, 5, 6], 2, 3);
        x[.., 1..].Sum().Backward();
        Assert.Equal([0.0, 1, 1, 0, 1, 1], x.Grad!.ToArray());
        Assert.True(x.Grad.IsContiguous);
    }

    [Fact]
    public void AnExpandGradientIsSummedOverTheCopies()
    {
        var x = Leaf([1.0, 2, 3], 3, 1);
        (x.Expand(2, 3, 4) * Tensor.Arange(4)).Sum().Backward();
        Assert.Equal([12.0, 12, 12], x.Grad!.ToArray());
    }

    [Fact]
    public void ATransposeGradientIsTransposedBack()
    {
        var x = Leaf([1.0, 2, 3, 4, 5, 6], 2, 3);
        var w = Tensor.From([1.0, 10, 100, 1000, 10000, 100000], 3, 2);
        (x.T * w).Sum().Backward();
        Assert.Equal([1.0, 100, 10000, 10, 1000, 100000], x.Grad!.ToArray());
        Assert.True(x.Grad.IsContiguous, "a leaf's Grad is stored contiguous, so optimisers can read it");
    }

    [Fact]
    public void GradientsOfSeveralSlicesAccumulate()
    {
        var x = Leaf([1.0, 2, 3, 4]);
        var pieces = x.Split(2);
        (pieces[0] * 2 + pieces[1] * 3).Sum().Backward();
        Assert.Equal([2.0, 2, 3, 3], x.Grad!.ToArray());
    }
}
