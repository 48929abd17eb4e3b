using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>F.Silu and F.Mish (Ops/Silu, Ops/Mish). The edge values were printed by torch 1.13 (/usr/bin/python3).</summary>
public class SiluMishTests
{
    public static TheoryData<string> TorchCases => new([.. TorchFixtures.IdList("silu"), .. TorchFixtures.IdList("mish")]);

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape)
    {
        GradAssert.Passes(x => F.Silu(x[0]), Normal(311, Shape(shape), 3.0));
        GradAssert.Passes(x => F.Mish(x[0]), Normal(312, Shape(shape), 3.0));
    }

    [Fact]
    public void GradGradCheck()
    {
        GradAssert.SecondOrderPasses(x => F.Silu(x[0]), Normal(313, [3, 4], 3.0));
        GradAssert.SecondOrderPasses(x => F.Mish(x[0]), Normal(314, [3, 4], 3.0));
    }

    /// <summary>torch 1.13 at [0, -1000, 1000, -40]: silu = [0, -0, 1000, -1.6993417021166355e-16], gradient
    /// [0.5, -0, 1, -1.6568581595637197e-16], second derivative [0.5, 0, 0, -1.6143746170108038e-16].</summary>
    [Fact]
    public void Silu_Extremes_AsPyTorch()
    {
        var x = Leaf([0.0, -1000.0, 1000.0, -40.0]);
        var y = F.Silu(x);
        Close.Relative([0.0, -0.0, 1000.0, -1.6993417021166355e-16], y.ToArray(), 1e-15);
        var g = Autograd.Grad([y.Sum()], [x], createGraph: true)[0]!;
        Close.Relative([0.5, -0.0, 1.0, -1.6568581595637197e-16], g.ToArray(), 1e-15);
        Close.Relative([0.5, 0.0, 0.0, -1.6143746170108038e-16], Autograd.Grad([g.Sum()], [x])[0]!.ToArray(), 1e-14);
    }

    /// <summary>torch 1.13 at [0, -1000, 1000, -40, 25]: mish = [0, -0, 1000, -1.6993417021166355e-16, 25], gradient
    /// [0.6, 0, 1, -1.6568581595637197e-16, 1], second derivative 0.64 at 0.</summary>
    [Fact]
    public void Mish_Extremes_AsPyTorch()
    {
        var x = Leaf([0.0, -1000.0, 1000.0, -40.0, 25.0]);
        var y = F.Mish(x);
        Close.Relative([0.0, -0.0, 1000.0, -1.6993417021166355e-16, 25.0], y.ToArray(), 1e-15);
        var g = Autograd.Grad([y.Sum()], [x], createGraph: true)[0]!;
        Close.Relative([0.6, 0.0, 1.0, -1.6568581595637197e-16, 1.0], g.ToArray(), 1e-15);
        Assert.Equal(0.64, Autograd.Grad([g.Sum()], [x])[0]!.ToArray()[0], 1e-15);
    }

    [Fact]
    public void ZeroDimEmptyNaNAndFloat32()
    {
        Assert.Equal([], F.Silu(Tensor.Scalar(1.0)).ShapeArray);
        Assert.Equal([2, 0], F.Mish(Tensor.From(Array.Empty<double>(), 2, 0)).ShapeArray);
        Assert.True(double.IsNaN(F.Silu(Tensor.From([double.NaN])).ToArray()[0]));
        Assert.True(double.IsNaN(F.Mish(Tensor.From([double.NaN])).ToArray()[0]));
        var y = F.Mish(Tensor.From([1f, -2f]));
        Assert.Equal(DType.Float32, y.DType);
        Close.Relative([0.8650983882673103, -0.2525014826042529], y.ToArray(), 1e-7);
    }
}
