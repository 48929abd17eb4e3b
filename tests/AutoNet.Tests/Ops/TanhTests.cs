using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class TanhTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("tanh");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TestShapes.Unary), MemberType = typeof(TestShapes))]
    public void GradCheck(string shape) => GradAssert.Passes(x => x[0].Tanh(), Normal(121, shape, 2.0));

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Tanh(), Normal(122, "3x4", 1.5));

    [Fact]
    public void SmallInputs_KeepFullRelativePrecision()
    {
        // tanh(x) = x - x³/3 + ...: for |x| <= 1e-8 the result is x to the last bit, in both dtypes.
        double[] xs = [1e-300, 1e-20, -1e-10, 1e-8, 0.0];
        Assert.Equal(xs, Tensor.From(xs).Tanh().ToArray());
        float[] xf = [1e-30f, -1e-20f, 1e-8f, 0f];
        Assert.Equal(xf, Tensor.From(xf).Tanh().ToFloatArray());
    }

    [Fact]
    public void GradientNearSaturation_LosesNothingToCancellation()
    {
        // The gradient is computed from the saved y = tanh(x). PyTorch evaluates 1 - y² with a fused multiply-add
        // (exact product, one rounding); near |y| = 1 the naive 1 - y*y rounds y*y first and is off by ~1e-8
        // relative at x = 10. (1 - y)(1 + y) is within an ulp or two of the fused value.
        var x = Leaf([10.0, -12.0, 3.0]);
        var y = x.Tanh().ToArray();
        var g = Autograd.Grad([x.Tanh().Sum()], [x])[0]!.ToArray();
        for (int i = 0; i < 3; i++)
        {
            double fused = Math.FusedMultiplyAdd(-y[i], y[i], 1.0);
            Assert.True(Math.Abs(g[i] - fused) <= 4e-16 * fused, $"x = {x.ToArray()[i]}: {g[i]:R} vs {fused:R}");
        }
        Assert.True(Math.Abs((1 - y[0] * y[0]) - Math.FusedMultiplyAdd(-y[0], y[0], 1.0)) > 1e-9 * g[0], "the naive formula should lose digits here");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void The_one_pass_backward_has_the_bits_of_the_four_ops(DType dtype)
    {
        // Tanh's backward runs one loop unless recorded; it must round as grad * ((1 - y) * (1 + y)) as tensor ops
        // does. Lengths around a vector width and beyond, with ±0, ±∞, NaN and saturated values among them.
        double[] special = [0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-30, 20, -20, 0.5];
        foreach (int n in (int[])[1, 3, 8, 15, 16, 17, 100, 6400])
        {
            var rng = new Random(n);
            var values = Enumerable.Range(0, n).Select(i => i < special.Length && n >= 100 ? special[i] : (rng.NextDouble() * 2 - 1) * 4).ToArray();
            var upstream = Tensor.From(Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), n).To(dtype);
            var x = Tensor.From(values, n).To(dtype).Detach();
            x.RequiresGrad = true;
            x.Tanh().Backward(upstream);
            var y = x.Detach().Tanh();
            var expected = upstream * ((1.0 - y) * (1.0 + y));
            Assert.Equal(Bits(expected), Bits(x.Grad!));
        }
    }

    [Fact]
    public void An_expanded_upstream_gradient_gives_the_same_backward()
    {
        // The gradient of a Sum arrives as a stride-0 view; the one-pass backward reads it as its values.
        var x = Leaf(Enumerable.Range(0, 24).Select(i => i * 0.3 - 3.5).ToArray()).Reshape(4, 6).Detach();
        x.RequiresGrad = true;
        x.Tanh().Sum().Backward();
        var y = x.Detach().Tanh();
        Assert.Equal(Bits((1.0 - y) * (1.0 + y)), Bits(x.Grad!));
    }

    private static long[] Bits(Tensor t) => t.DType == DType.Float32
        ? [.. t.ToFloatArray().Select(v => (long)BitConverter.SingleToInt32Bits(v))]
        : [.. t.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}
