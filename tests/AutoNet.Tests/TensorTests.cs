using Xunit;

namespace AutoNet.Tests;

public class TensorTests
{
    [Fact]
    public void Factories_make_the_expected_shapes_dtypes_and_values()
    {
        Assert.Equal(new[] { 0.0, 0, 0, 0, 0, 0 }, Tensor.Zeros(2, 3).ToArray());
        Assert.Equal(DType.Float32, Tensor.Ones([2], DType.Float32).DType);
        Assert.Equal(new[] { 2.5, 2.5 }, Tensor.Full([2], 2.5).ToArray());
        Assert.Equal(new[] { 0.0, 1, 2 }, Tensor.Arange(3).ToArray());
        Assert.Equal(0, Tensor.Scalar(4).Rank);
        Assert.Equal(4.0, Tensor.Scalar(4).Item());
        var m = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new[] { 2, 3 }, m.Shape);
        Assert.Equal(6, m.Count);
        Assert.Equal(new[] { 1.0, 4, 2, 5, 3, 6 }, m.T.ToArray());
        Assert.Equal(new[] { 2, 3 }, Tensor.ZerosLike(m).Shape);
        Assert.Equal(new[] { 1.0, 1, 1, 1, 1, 1 }, Tensor.OnesLike(m).ToArray());
    }

    [Fact]
    public void From_copies_its_input()
    {
        var data = new[] { 1.0, 2 };
        var t = Tensor.From(data);
        data[0] = 99;
        Assert.Equal(1.0, t.ToArray()[0]);
    }

    [Fact]
    public void Reshape_infers_minus_one_and_shares_memory()
    {
        var x = Tensor.Arange(6);
        var y = x.Reshape(-1, 2);
        Assert.Equal(new[] { 3, 2 }, y.Shape);
        x.CopyFrom(Tensor.Scalar(1));
        Assert.Equal(new[] { 1.0, 1, 1, 1, 1, 1 }, y.ToArray());
    }

    [Fact]
    public void Numbers_keep_the_tensors_dtype_and_mixed_tensors_promote_to_float64()
    {
        var f = Tensor.From(new float[] { 1, 2 });
        Assert.Equal(DType.Float32, (f * 2.0).DType);
        Assert.Equal(DType.Float32, (1.0 - f).DType);
        Assert.Equal(DType.Float64, (f + Tensor.From([1.0, 1])).DType);
        Assert.Equal(DType.Float32, (f + Tensor.Scalar(1.0)).DType);
    }

    [Fact]
    public void Gradients_flow_back_through_dtype_promotion_in_each_inputs_dtype()
    {
        var f = Tensor.From(new float[] { 1, 2 });
        f.RequiresGrad = true;
        var d = Tensor.From([3.0, 4]);
        d.RequiresGrad = true;
        (f * d).Sum().Backward();
        Assert.Equal(DType.Float32, f.Grad!.DType);
        Assert.Equal(new[] { 3.0, 4 }, f.Grad.ToArray());
        Assert.Equal(new[] { 1.0, 2 }, d.Grad!.ToArray());
    }

    [Fact]
    public void MatMul_handles_1D_and_2D_operands_like_torch_matmul()
    {
        var v = Tensor.From([1.0, 2]);
        var m = Tensor.From([1.0, 2, 3, 4], 2, 2);
        Assert.Equal(0, v.MatMul(v).Rank);
        Assert.Equal(5.0, v.MatMul(v).Item());
        Assert.Equal(new[] { 7.0, 10 }, v.MatMul(m).ToArray());
        Assert.Equal(new[] { 5.0, 11 }, m.MatMul(v).ToArray());
        Assert.Equal(new[] { 7.0, 10, 15, 22 }, m.MatMul(m).ToArray());
    }

    [Fact]
    public void ToString_prints_like_PyTorch()
    {
        Assert.Equal("tensor([[1., 2.],\n        [3., 4.]])", Tensor.From([1.0, 2, 3, 4], 2, 2).ToString());
        Assert.Equal("tensor([ 0.5000, -1.2500])", Tensor.From([0.5, -1.25]).ToString());
        Assert.Equal("tensor(3.1416)", Tensor.Scalar(Math.PI).ToString());
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00], dtype=float32)", Tensor.From(new float[] { 1e-5f, 1 }).ToString());
        var x = Tensor.From([1.0, 2]);
        x.RequiresGrad = true;
        Assert.Equal("tensor([1., 2.], requires_grad=True)", x.ToString());
        Assert.Equal("tensor([2., 4.], grad_fn=<Mul>)", (x * 2.0).ToString());
        Assert.Equal("tensor([[[0., 0.],\n         [0., 0.]],\n\n        [[0., 0.],\n         [0., 0.]]])", Tensor.Zeros(2, 2, 2).ToString());
        Assert.Equal("tensor([   0.,    1.,    2.,  ..., 1997., 1998., 1999.])", Tensor.Arange(2000).ToString());
    }

    [Fact]
    public void Sigmoid_is_finite_and_exact_at_large_magnitudes()
    {
        var y = Tensor.From([-1000.0, -40, 0, 40, 1000]).Sigmoid().ToArray();
        Assert.Equal(0.0, y[0]);
        Assert.Equal(1 / (1 + Math.Exp(40)), y[1], 1e-30);
        Assert.Equal(0.5, y[2]);
        Assert.Equal(1.0, y[3]);
        Assert.Equal(1.0, y[4]);
    }

    [Fact]
    public void Softmax_and_LogSoftmax_are_stable_for_large_inputs()
    {
        var x = Tensor.From([1000.0, 1000, -1000]);
        Assert.Equal(new[] { 0.5, 0.5, 0 }, x.Softmax(0).ToArray());
        var logp = x.LogSoftmax(0).ToArray();
        Assert.Equal(-Math.Log(2), logp[0], 15);
        Assert.Equal(-2000 - Math.Log(2), logp[2], 10);
    }

    [Fact]
    public void Softplus_is_finite_and_correct_at_large_magnitudes()
    {
        var x = Tensor.From([-1000.0, -40, 0, 40, 1000]);
        x.RequiresGrad = true;
        var y = x.Softplus();
        var values = y.ToArray();
        Assert.Equal(0.0, values[0]);                       // e^-1000 underflows: softplus is 0 to double precision
        Assert.Equal(Math.Exp(-40), values[1], 1e-30);      // log(1 + e^-40) = e^-40 (1 - e^-40/2 ...)
        Assert.Equal(Math.Log(2), values[2], 15);
        Assert.Equal(40 + Math.Exp(-40), values[3]);
        Assert.Equal(1000.0, values[4]);
        y.Sum().Backward();                                 // d/dx softplus = σ(x)
        Assert.Equal(new[] { 0.0, 1 / (1 + Math.Exp(40)), 0.5, 1, 1 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Softmax_rows_with_infinities_are_NaN_as_in_PyTorch()
    {
        // PyTorch 1.13: softmax([inf, 1]) = [nan, nan]; softmax([-inf, -inf]) = [nan, nan]; log_softmax the same.
        Assert.All(Tensor.From([double.PositiveInfinity, 1]).Softmax(0).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(Tensor.From([double.NegativeInfinity, double.NegativeInfinity]).Softmax(0).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(Tensor.From([double.PositiveInfinity, 1]).LogSoftmax(0).ToArray(), v => Assert.True(double.IsNaN(v)));
        // A -inf among finite values is an ordinary zero probability.
        Assert.Equal(new[] { 0.0, 1 }, Tensor.From([double.NegativeInfinity, 1]).Softmax(0).ToArray());
    }

    [Fact]
    public void BCE_at_probabilities_0_and_1_is_finite_as_in_PyTorch()
    {
        var p = Tensor.From([0.0, 1, 0, 1]);
        p.RequiresGrad = true;
        var y = Tensor.From([1.0, 0, 0, 1]);
        var loss = F.BinaryCrossEntropy(p, y, Reduction.None);
        Assert.Equal(new[] { 100.0, 100, 0, 0 }, loss.ToArray());
        loss.Sum().Backward();
        // PyTorch divides by max((1 - p) p, EPSILON) with EPSILON = 1e-12 as a float, i.e. 9.99999996e-13.
        double epsilon = (float)1e-12;
        Assert.Equal(new[] { -1 / epsilon, 1 / epsilon, 0, 0 }, p.Grad!.ToArray());
    }
}
