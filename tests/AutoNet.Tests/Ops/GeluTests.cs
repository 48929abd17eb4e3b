using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>
/// The exact GELU is one op (Ops/Gelu.cs) that must give, bit for bit, what the five composed ops
/// <c>x * 0.5 * (1.0 + (x * M_SQRT1_2).Erf())</c> and their backward give: the values PyTorch's fixture cases and
/// the examples' printed lines were checked with.
/// </summary>
public class GeluTests
{
    private const double Sqrt1Over2 = 0.70710678118654752440;

    private static Tensor Composed(Tensor x) => x * 0.5 * (1.0 + (x * Sqrt1Over2).Erf());

    /// <summary>Normal values spread to ±6 and the special ones, with a random upstream gradient.</summary>
    private static (double[] X, double[] G) Values(int n, int seed)
    {
        var rng = new Random(seed);
        double[] x = new double[n], g = new double[n];
        double[] special = [0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-30, -1e-30, 5.7, -5.7, 40, -40, 1e20, -1e20];
        for (int i = 0; i < n; i++)
        {
            x[i] = i < special.Length && n > 100 ? special[i] : (rng.NextDouble() * 2 - 1) * 6;
            g[i] = rng.NextDouble() * 2 - 1;
        }
        return (x, g);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Forward_and_backward_have_the_bits_of_the_composed_ops(DType dtype)
    {
        // Lengths around a vector, around the op's 1,024-element chunk, a few chunks, and enough chunks to be
        // shared among the cores (from 16,384 elements).
        foreach (int n in (int[])[1, 7, 17, 1023, 1024, 1025, 3000, 16_383, 40_000])
        {
            var (values, upstream) = Values(n, seed: n);
            var x = Tensor.From(values, n).To(dtype).Detach();
            x.RequiresGrad = true;
            var reference = Tensor.From(values, n).To(dtype).Detach();
            reference.RequiresGrad = true;
            var g = Tensor.From(upstream, n).To(dtype);

            var y = x.Gelu();
            var yRef = Composed(reference);
            y.Backward(g);
            yRef.Backward(g);

            AssertSameBits(yRef, y, $"gelu, {n} {dtype} values");
            AssertSameBits(reference.Grad!, x.Grad!, $"gelu's gradient, {n} {dtype} values");
        }
    }

    [Fact]
    public void A_strided_view_gives_what_its_copy_gives_and_its_gradient_reaches_the_base()
    {
        var (values, upstream) = Values(60, seed: 3);
        var a = Tensor.From(values, 6, 10);
        a.RequiresGrad = true;
        var view = a.Transpose(0, 1);                                         // [10, 6], not contiguous
        var y = view.Gelu();
        y.Backward(Tensor.From(upstream, 10, 6));

        var copy = view.Contiguous().Detach();
        copy.RequiresGrad = true;
        var yCopy = copy.Gelu();
        yCopy.Backward(Tensor.From(upstream, 10, 6));
        AssertSameBits(yCopy, y, "gelu of a transposed view");
        AssertSameBits(copy.Grad!.Transpose(0, 1).Contiguous(), a.Grad!, "the gradient at the view's base");
    }

    [Fact]
    public void The_recorded_backward_gives_the_bits_of_the_fused_one()
    {
        // Under createGraph the backward is tensor ops (so it can be differentiated again); same roundings.
        var (values, upstream) = Values(2000, seed: 5);
        var x = Tensor.From(values, 2000);
        x.RequiresGrad = true;
        var g = Tensor.From(upstream, 2000);
        var fused = Autograd.Grad([x.Gelu()], [x], [g])[0]!;
        var recorded = Autograd.Grad([x.Gelu()], [x], [g], createGraph: true)[0]!;
        Assert.True(recorded.RequiresGrad);
        AssertSameBits(fused, recorded.Detach(), "the recorded gradient");
    }

    [Fact]
    public void Integer_input_is_computed_in_float64_as_every_float_map_is()
    {
        var y = Tensor.From([-2L, 0L, 3L], 3).Gelu();
        Assert.Equal(DType.Float64, y.DType);
        AssertSameBits(Composed(Tensor.From([-2.0, 0.0, 3.0], 3)), y, "gelu of Int64");
    }

    private static void AssertSameBits(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        double[] e = expected.ToArray(), a = actual.ToArray();          // float32 widens exactly
        for (int i = 0; i < e.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]) || (double.IsNaN(e[i]) && double.IsNaN(a[i])),
                $"{what}: element {i} is {a[i]:R}, the composed ops give {e[i]:R}");
    }
}
