using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Tensor.Maximum/Minimum: elementwise with broadcasting; a tie gives each side half the gradient (torch 1.13).</summary>
public class MaximumTests
{
    public static TheoryData<string> TorchCases => new(TorchFixtures.IdList("maximum").Concat(TorchFixtures.IdList("minimum")));

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck(string shapeA, string shapeB)
    {
        GradAssert.Passes(x => Tensor.Maximum(x[0], x[1]), Normal(731, shapeA), Normal(732, shapeB));
        GradAssert.Passes(x => Tensor.Minimum(x[0], x[1]), Normal(733, shapeA), Normal(734, shapeB));
        GradAssert.SecondOrderPasses(x => Tensor.Maximum(x[0] * x[1], x[1]), Normal(735, shapeA), Normal(736, shapeB));
    }

    [Fact]
    public void Ties_split_the_gradient_as_PyTorch()
    {
        // torch 1.13: maximum([1,2,3],[1,5,0]).sum().backward() -> a.grad [.5, 0, 1], b.grad [.5, 1, 0]
        var a = Leaf([1.0, 2.0, 3.0], 3);
        var b = Leaf([1.0, 5.0, 0.0], 3);
        var g = Autograd.Grad([Tensor.Maximum(a, b).Sum()], [a, b]);
        Assert.Equal(new[] { 0.5, 0, 1 }, g[0]!.ToArray());
        Assert.Equal(new[] { 0.5, 1, 0 }, g[1]!.ToArray());
        g = Autograd.Grad([Tensor.Minimum(a, b).Sum()], [a, b]);
        Assert.Equal(new[] { 0.5, 1, 0 }, g[0]!.ToArray());
        Assert.Equal(new[] { 0.5, 0, 1 }, g[1]!.ToArray());
    }

    [Fact]
    public void NaN_wins_and_dtypes_promote()
    {
        var y = Tensor.Maximum(Tensor.From([1.0, double.NaN, 3.0]), Tensor.Scalar(2));
        Assert.Equal(new[] { 2.0, double.NaN, 3 }, y.ToArray());
        Assert.True(double.IsNaN(Tensor.Minimum(Tensor.From([double.NaN]), Tensor.From([1.0])).Item()));
        Assert.Equal(new long[] { 3, 5 }, Tensor.Maximum(Tensor.From(new long[] { 1, 5 }), Tensor.From(new long[] { 3, 2 })).ToInt64Array());
        Assert.Equal(DType.Float32, Tensor.Minimum(Tensor.From(new long[] { 1 }), Tensor.From([0.5f])).DType);
        Assert.Throws<ArgumentException>(() => Tensor.Maximum(Tensor.Zeros(2), Tensor.Zeros(3)));
    }
}
