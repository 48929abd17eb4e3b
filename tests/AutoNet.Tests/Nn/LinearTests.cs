using AutoNet.Data;
using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

public class LinearTests
{
    private static Tensor Leaf(double[] values, params int[] shape)
    {
        var t = Tensor.From(values, shape);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void F_Linear_is_x_times_W_transposed_plus_b_with_its_gradients_as_torch_nn_functional_linear()
    {
        var x = Leaf([1.0, 2, 3], 1, 3);
        var w = Leaf([1.0, 0, -1, 2, 1, 0], 2, 3);
        var b = Leaf([0.5, -1], 2);

        var y = F.Linear(x, w, b);
        y.Sum().Backward();

        Assert.Equal(new[] { 1, 2 }, y.Shape);
        Assert.Equal(new[] { -1.5, 3 }, y.ToArray());                   // [1 - 3 + 0.5, 2 + 2 - 1]
        Assert.Equal(new[] { 3.0, 1, -1 }, x.Grad!.ToArray());          // column sums of W
        Assert.Equal(new[] { 1.0, 2, 3, 1, 2, 3 }, w.Grad!.ToArray());  // each row of W gets x
        Assert.Equal(new[] { 1.0, 1 }, b.Grad!.ToArray());
    }

    [Fact]
    public void F_Linear_without_bias_and_with_1D_input_or_weight_follows_torch_matmul_shapes()
    {
        var w = Tensor.From([1.0, 0, -1, 2, 1, 0], 2, 3);
        var v = Tensor.From([1.0, 1, 1], 3);
        Assert.Equal(new[] { -2.0, 4 }, F.Linear(Tensor.From([1.0, 2, 3], 3), w).ToArray());            // [in] -> [out]
        Assert.Equal(new[] { 6.0, 15 }, F.Linear(Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3), v).ToArray()); // [n, in] . [in] -> [n]
        var scalar = F.Linear(Tensor.From([1.0, 2, 3], 3), v, Tensor.Scalar(0.5));
        Assert.Empty(scalar.Shape);
        Assert.Equal(6.5, scalar.Item());
    }

    [Fact]
    public void Linear_Forward_is_F_Linear_bit_for_bit_forward_and_backward()
    {
        var rng = new NumPyRandomState(4);
        var layer = new Linear(5, 3, generator: rng);
        var x1 = rng.Randn(7, 5);
        x1.RequiresGrad = true;
        var x2 = Tensor.From(x1.ToArray(), 7, 5);
        x2.RequiresGrad = true;
        var w = Tensor.From(layer.Weight.ToArray(), 3, 5);
        w.RequiresGrad = true;
        var b = Tensor.From(layer.Bias!.ToArray(), 3);
        b.RequiresGrad = true;

        var y1 = layer.Forward(x1);
        var y2 = F.Linear(x2, w, b);
        (y1 * y1).Sum().Backward();
        (y2 * y2).Sum().Backward();

        Assert.Equal(y2.ToArray(), y1.ToArray());
        Assert.Equal(x2.Grad!.ToArray(), x1.Grad!.ToArray());
        Assert.Equal(w.Grad!.ToArray(), layer.Weight.Grad!.ToArray());
        Assert.Equal(b.Grad!.ToArray(), layer.Bias.Grad!.ToArray());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void F_Linear_adds_its_bias_in_the_products_memory_with_the_bits_of_a_separate_add(DType dtype)
    {
        // F.Linear writes x·Wᵀ + b over the product it just made; the values and every gradient must be those
        // of the product followed by an ordinary Add (a fresh output), for each bias shape that broadcasts.
        var rng = new Random(4);
        double[] Values(int n) => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        foreach (var (xShape, bShape) in new (int[], int[])[] { ([5, 3], [4]), ([2, 5, 3], [4]), ([2, 5, 3], [1]), ([5, 3], [5, 4]), ([2, 5, 3], []) })
        {
            double[] xv = Values(xShape.Aggregate(1, (a, d) => a * d)), wv = Values(12), bv = Values(bShape.Aggregate(1, (a, d) => a * d)), gv = Values(xShape[..^1].Aggregate(1, (a, d) => a * d) * 4);
            Tensor Make(double[] v, int[] shape) { var t = Tensor.From(v, shape).To(dtype).Detach(); t.RequiresGrad = true; return t; }
            var (x, w, b) = (Make(xv, xShape), Make(wv, [4, 3]), Make(bv, bShape));
            var (x2, w2, b2) = (Make(xv, xShape), Make(wv, [4, 3]), Make(bv, bShape));
            var y = F.Linear(x, w, b);
            var reference = x2.MatMul(w2.T) + b2;
            var g = Tensor.From(gv, [.. y.Shape]).To(dtype);
            y.Backward(g);
            reference.Backward(g);
            string shapes = $"x [{string.Join(", ", xShape)}], b [{string.Join(", ", bShape)}], {dtype}";
            Assert.Equal(reference.ToArray(), y.ToArray());
            Assert.Equal(x2.Grad!.ToArray(), x.Grad!.ToArray());
            Assert.Equal(w2.Grad!.ToArray(), w.Grad!.ToArray());
            Assert.True(b2.Grad!.ToArray().SequenceEqual(b.Grad!.ToArray()), $"bias gradient differs, {shapes}");
            using (Autograd.NoGrad()) Assert.Equal(reference.ToArray(), F.Linear(x, w, b).ToArray());
        }
    }

    [Fact]
    public void F_Linear_refuses_shapes_that_do_not_fit_naming_them()
    {
        var w = Tensor.Zeros(2, 3);
        var e = Assert.Throws<ArgumentException>(() => F.Linear(Tensor.Zeros(4, 5), w));
        Assert.Equal("Linear: expected input with last dimension 3, got shape [4, 5].", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.Linear(Tensor.Zeros(4, 3), w, Tensor.Zeros(3)));
        Assert.Equal("Linear: bias of shape [3] does not broadcast to the output shape [4, 2]; expected [2].", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.Linear(Tensor.Zeros(4, 3), Tensor.Zeros(1, 2, 3)));
        Assert.Equal("Linear: weight must be [out, in] or [in], got shape [1, 2, 3].", e.Message);
        Assert.Throws<ArgumentNullException>(() => F.Linear(null!, w));
        Assert.Throws<ArgumentNullException>(() => F.Linear(Tensor.Zeros(4, 3), null!));
    }
}
