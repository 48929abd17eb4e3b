using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>F.Hardtanh and F.Relu6 (Ops/Hardtanh). The gradients at the bounds were printed by torch 1.13.</summary>
public class HardtanhTests
{
    public static TheoryData<string> TorchCases => new([.. TorchFixtures.IdList("hardtanh"), .. TorchFixtures.IdList("relu6")]);

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    // Piecewise linear: checked on points away from the bounds (a central difference across a bound is no derivative).
    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape)
    {
        GradAssert.Passes(x => F.Hardtanh(x[0], -1.5, 1.5), AwayFromBounds(321, Shape(shape), [-1.5, 1.5]));
        GradAssert.Passes(x => F.Relu6(x[0] * 3.0), AwayFromBounds(322, Shape(shape), [0, 2]));
    }

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => F.Hardtanh(x[0], -1.5, 1.5) * x[0], AwayFromBounds(323, [3, 4], [-1.5, 1.5]));

    /// <summary>torch 1.13: F.relu6 at [0, -0, 6, 3, 7, -1, NaN] has gradient [0, 0, 0, 1, 0, 0, 1]; F.hardtanh at
    /// [-1, 1, 0, -2, 2, NaN] has [0, 0, 1, 0, 0, 1] (hardtanh_backward zeroes x ≤ min and x ≥ max).</summary>
    [Fact]
    public void GradientIsZeroAtTheBounds_AndPassesThroughNaN_AsPyTorch()
    {
        var x = Leaf([0.0, -0.0, 6.0, 3.0, 7.0, -1.0, double.NaN]);
        var y = F.Relu6(x);
        Assert.Equal([0.0, 0.0, 6.0, 3.0, 6.0, 0.0, double.NaN], y.ToArray());
        Assert.Equal([0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0], Autograd.Grad([y.Sum()], [x])[0]!.ToArray());

        var z = Leaf([-1.0, 1.0, 0.0, -2.0, 2.0, double.NaN]);
        Assert.Equal([0.0, 0.0, 1.0, 0.0, 0.0, 1.0], Autograd.Grad([F.Hardtanh(z).Sum()], [z])[0]!.ToArray());
        // Clamp keeps the bounds (torch.clamp's rule); Hardtanh does not.
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 0.0, 0.0], Autograd.Grad([z.Clamp(-1, 1).Sum()], [z])[0]!.ToArray());
    }

    [Fact]
    public void EqualBounds_InfiniteBounds_ZeroDimAndFloat32()
    {
        var x = Leaf([0.5, 0.2]);
        var y = F.Hardtanh(x, 0.5, 0.5);
        Assert.Equal([0.5, 0.5], y.ToArray());
        Assert.Equal([0.0, 0.0], Autograd.Grad([y.Sum()], [x])[0]!.ToArray());
        Assert.Equal([-3.0, 1.0], F.Hardtanh(Tensor.From([-3.0, 4.0]), double.NegativeInfinity, 1).ToArray());
        Assert.Equal([], F.Relu6(Tensor.Scalar(9.0)).ShapeArray);
        Assert.Equal(DType.Float32, F.Relu6(Tensor.From([9f])).DType);
    }

    [Theory]
    [InlineData(1.0, -1.0)]
    [InlineData(double.NaN, 1.0)]
    public void InvertedOrNaNBounds_AreRefused(double min, double max)
    {
        var e = Assert.Throws<ArgumentException>(() => F.Hardtanh(Tensor.From([0.0]), min, max));
        Assert.StartsWith($"Hardtanh: expected minVal <= maxVal (and neither NaN), got minVal {min} and maxVal {max}", e.Message);
    }

    /// <summary>Normal values moved at least 0.05 away from every bound.</summary>
    private static Tensor AwayFromBounds(int seed, int[] shape, double[] bounds)
    {
        var values = Normal(seed, shape, 2.0).ToArray();
        for (int i = 0; i < values.Length; i++)
            foreach (var b in bounds)
                if (Math.Abs(values[i] - b) < 0.05) values[i] = b + (values[i] >= b ? 0.05 : -0.05);
        var t = Tensor.From(values, shape.Length == 0 ? [1] : shape);
        if (shape.Length == 0) t = t.Reshape();
        t.RequiresGrad = true;
        return t;
    }
}
