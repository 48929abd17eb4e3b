using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>F.LogSigmoid (Ops/LogSigmoid) and F.Softsign (composed as PyTorch's). Edge values printed by torch 1.13.</summary>
public class LogSigmoidSoftsignTests
{
    public static TheoryData<string> TorchCases => new([.. TorchFixtures.IdList("logsigmoid"), .. TorchFixtures.IdList("softsign")]);

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape)
    {
        GradAssert.Passes(x => F.LogSigmoid(x[0]), Normal(331, Shape(shape), 3.0));
        GradAssert.Passes(x => F.Softsign(x[0]), AwayFromZero(332, Shape(shape), 0.05, 4.0));
    }

    [Fact]
    public void GradGradCheck()
    {
        GradAssert.SecondOrderPasses(x => F.LogSigmoid(x[0]), Normal(333, [3, 4], 3.0));
        GradAssert.SecondOrderPasses(x => F.Softsign(x[0]), AwayFromZero(334, [3, 4], 0.05, 4.0));
    }

    /// <summary>torch 1.13 at [0, -1000, 1000, -40, 40]: logsigmoid = [-0.6931471805599453, -1000, 0, -40,
    /// -4.248354255291589e-18], gradient [0.5, 1, 0, 1, 4.248354255291589e-18], second derivative -0.25 at 0.</summary>
    [Fact]
    public void LogSigmoid_IsStableAtTheExtremes_AsPyTorch()
    {
        var x = Leaf([0.0, -1000.0, 1000.0, -40.0, 40.0]);
        var y = F.LogSigmoid(x);
        Close.Relative([-0.6931471805599453, -1000.0, 0.0, -40.0, -4.248354255291589e-18], y.ToArray(), 1e-15);
        var g = Autograd.Grad([y.Sum()], [x], createGraph: true)[0]!;
        Close.Relative([0.5, 1.0, 0.0, 1.0, 4.248354255291589e-18], g.ToArray(), 1e-15);
        Assert.Equal(-0.25, Autograd.Grad([g.Sum()], [x])[0]!.ToArray()[0]);
    }

    /// <summary>torch 1.13 at [0, -0, 1e308, -1]: softsign = [0, -0, 1, -0.5], gradient [1, 1, 0, 0.25].</summary>
    [Fact]
    public void Softsign_AtZeroAndHuge_AsPyTorch()
    {
        var x = Leaf([0.0, -0.0, 1e308, -1.0]);
        var y = F.Softsign(x);
        Assert.Equal([0.0, -0.0, 1.0, -0.5], y.ToArray());
        Assert.Equal([1.0, 1.0, 0.0, 0.25], Autograd.Grad([y.Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void ZeroDimEmptyNaNAndFloat32()
    {
        Assert.Equal([], F.LogSigmoid(Tensor.Scalar(1.0)).ShapeArray);
        Assert.Equal([0], F.Softsign(Tensor.From(Array.Empty<double>(), 0)).ShapeArray);
        Assert.True(double.IsNaN(F.LogSigmoid(Tensor.From([double.NaN])).ToArray()[0]));
        var y = F.LogSigmoid(Tensor.From([-200f, 30f]));
        Assert.Equal(DType.Float32, y.DType);
        Close.Relative([-200.0, -9.357622968840175e-14], y.ToArray(), 1e-6);
    }
}
