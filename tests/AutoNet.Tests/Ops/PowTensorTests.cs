using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Pow with a tensor exponent (broadcasting) and a number raised to a tensor.</summary>
public class PowTensorTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("pow_tensor");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck(string shapeA, string shapeB) =>
        GradAssert.Passes(x => x[0].Pow(x[1]), Uniform(440, Shape(shapeA), 0.3, 3.0), Normal(441, shapeB));

    [Fact]
    public void GradGradCheck() =>
        GradAssert.SecondOrderPasses(x => x[0].Pow(x[1]), Uniform(442, [3, 4], 0.3, 3.0), Normal(443, "4"));

    [Fact]
    public void NumberBase_GradCheckAndGradGradCheck()
    {
        GradAssert.Passes(x => Tensor.Pow(2.0, x[0]), Normal(444, "3x4"));
        GradAssert.SecondOrderPasses(x => Tensor.Pow(0.7, x[0]), Normal(445, "3x4"));
    }

    /// <summary>PyTorch 1.13's values at the edges (torch.pow(b, e) and torch.autograd.grad, recorded by hand):
    /// 0^0 gives 0 to both, 0^-1 gives -inf to both, negative bases give NaN to the exponent.</summary>
    [Fact]
    public void Edges_FollowPyTorch()
    {
        var b = Leaf([0.0, 0.0, 0.0, -1.5, -1.5, 2.0]);
        var e = Leaf([0.0, 2.0, -1.0, 2.0, 0.5, 0.0]);
        var y = b.Pow(e);
        Assert.Equal([1.0, 0.0, double.PositiveInfinity, 2.25, double.NaN, 1.0], y.ToArray());
        var g = Autograd.Grad([y.Sum()], [b, e]);
        Assert.Equal([0.0, 0.0, double.NegativeInfinity, -3.0, double.NaN, 0.0], g[0]!.ToArray());
        Assert.Equal([0.0, 0.0, double.NegativeInfinity, double.NaN, double.NaN, Math.Log(2.0)], g[1]!.ToArray());
    }

    [Fact]
    public void NumberBase_Edges_FollowPyTorch()
    {
        var e = Leaf([0.0, 2.0, -1.0, 0.5]);
        var zero = Tensor.Pow(0.0, e);
        Assert.Equal([1.0, 0.0, double.PositiveInfinity, 0.0], zero.ToArray());
        Assert.Equal([0.0, 0.0, double.NegativeInfinity, 0.0], Autograd.Grad([zero.Sum()], [e])[0]!.ToArray());
        var negative = Tensor.Pow(-2.0, e);
        Assert.Equal([1.0, 4.0, -0.5, double.NaN], negative.ToArray());
        Assert.All(Autograd.Grad([negative.Sum()], [e])[0]!.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void NumberBase_TakesTheExponentsDType_AndBroadcastGradientsSumToEachShape()
    {
        Assert.Equal(DType.Float32, Tensor.Pow(2.0, Tensor.From([1f, 2f])).DType);
        var a = Uniform(446, [3, 1], 0.5, 2.0);
        var b = Normal(447, "4");
        var g = Autograd.Grad([a.Pow(b).Sum()], [a, b]);
        Assert.Equal([3, 1], g[0]!.Shape);
        Assert.Equal([4], g[1]!.Shape);
    }

    [Fact]
    public void ShapesThatDoNotBroadcast_NameTheOpAndBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 4).Pow(Tensor.Zeros(2, 4)));
        Assert.StartsWith("Pow", ex.Message);
        Assert.Contains("[3, 4]", ex.Message);
        Assert.Contains("[2, 4]", ex.Message);
    }
}
