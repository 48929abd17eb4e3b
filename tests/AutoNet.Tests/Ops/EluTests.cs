using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>F.Elu and F.Selu (one op, Ops/Elu). The values at the kinks were printed by torch 1.13 (/usr/bin/python3).</summary>
public class EluTests
{
    public static TheoryData<string> TorchCases => new([.. TorchFixtures.IdList("elu"), .. TorchFixtures.IdList("selu")]);

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape)
    {
        GradAssert.Passes(x => F.Elu(x[0], 0.7), AwayFromZero(301, Shape(shape), 0.05, 3.0));
        GradAssert.Passes(x => F.Selu(x[0]), AwayFromZero(302, Shape(shape), 0.05, 3.0));
    }

    [Fact]
    public void GradGradCheck()
    {
        GradAssert.SecondOrderPasses(x => F.Elu(x[0], 1.5), AwayFromZero(303, [3, 4], 0.05, 3.0));
        GradAssert.SecondOrderPasses(x => F.Selu(x[0]), AwayFromZero(304, [3, 4], 0.05, 3.0));
    }

    /// <summary>torch 1.13: F.elu(x, 2) at [0, -0, 1e-300, -1e-300] has gradient [2, 2, 1, 2] (x ≤ 0 takes the
    /// exponential branch) and second derivative [0, 0, 0, 2] (elu_double_backward multiplies by x &lt; 0).</summary>
    [Fact]
    public void AtZero_GradientIsAlpha_SecondDerivativeIsZero_AsPyTorch()
    {
        var x = Leaf([0.0, -0.0, 1e-300, -1e-300]);
        var y = F.Elu(x, 2.0);
        Assert.Equal([0.0, 0.0, 1e-300, -2e-300], y.ToArray());
        var g = Autograd.Grad([y.Sum()], [x], createGraph: true)[0]!;
        Assert.Equal([2.0, 2.0, 1.0, 2.0], g.ToArray());
        Assert.Equal([0.0, 0.0, 0.0, 2.0], Autograd.Grad([g.Sum()], [x])[0]!.ToArray());
    }

    /// <summary>torch 1.13: F.selu at 0 has gradient λ·α = 1.7580993408473766; at -1, y = -1.1113307378125625 and
    /// gradient 0.646768603034814.</summary>
    [Fact]
    public void Selu_ValuesAndGradientAtZero_AsPyTorch()
    {
        var x = Leaf([0.0, 1.0, -1.0]);
        var y = F.Selu(x);
        Close.Relative([0.0, 1.0507009873554805, -1.1113307378125625], y.ToArray(), 1e-15);
        Close.Relative([1.7580993408473766, 1.0507009873554805, 0.646768603034814], Autograd.Grad([y.Sum()], [x])[0]!.ToArray(), 1e-15);
    }

    /// <summary>expm1, not exp - 1: at x = -1e-10 the exact value is -9.9999999995e-11 (PyTorch 1.13 gives
    /// -1.000000082740371e-10, 8e-9 off); in float32 at -1e-5, -9.99995e-6 (PyTorch 1.13: -1.0013580322265625e-05).</summary>
    [Fact]
    public void SmallNegativeInputs_KeepTheirDigits()
    {
        Assert.Equal(-9.9999999995e-11, F.Elu(Tensor.From([-1e-10])).ToArray()[0], 1e-25);
        Assert.Equal((double)-9.999950e-6f, F.Elu(Tensor.From([-1e-5f])).ToArray()[0], 1e-12);
        Assert.Equal(-1.0, F.Elu(Tensor.From([-1000.0])).ToArray()[0]);
        Assert.Equal(1000.0, F.Elu(Tensor.From([1000.0])).ToArray()[0]);
    }

    [Fact]
    public void ZeroDimEmptyAndFloat32_KeepShapeAndDType()
    {
        Assert.Equal([], F.Elu(Tensor.Scalar(-1.0)).ShapeArray);
        Assert.Equal([0, 3], F.Selu(Tensor.From(Array.Empty<double>(), 0, 3)).ShapeArray);
        var y = F.Selu(Tensor.From([-1f, 2f]));
        Assert.Equal(DType.Float32, y.DType);
        Close.Relative([-1.1113307378125625, 2.101401974710961], y.ToArray(), 1e-7);
        Assert.True(double.IsNaN(F.Elu(Tensor.From([double.NaN])).ToArray()[0]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteAlpha_IsRefused(double alpha)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => F.Elu(Tensor.From([1.0]), alpha));
        Assert.StartsWith("ELU: alpha must be a finite number, got ", e.Message);
    }
}
