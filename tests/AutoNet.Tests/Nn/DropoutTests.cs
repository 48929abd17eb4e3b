using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Nn;

[Collection(DefaultGeneratorCollection.Name)]   // one test seeds the process-wide default generator
public class DropoutTests
{
    [Fact]
    public void Training_keeps_elements_whose_draw_is_below_one_minus_p_and_scales_them()
    {
        var x = new NumPyRandomState(1).Randn(6, 7);
        var y = new Dropout(0.3, new NumPyRandomState(9)).Forward(x).ToArray();
        var draws = new NumPyRandomState(9).Rand(6, 7).ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < xs.Length; i++)
            Assert.Equal(draws[i] < 0.7 ? xs[i] * (1 / 0.7) : 0.0, y[i]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_mask_and_successive_calls_differ()
    {
        var x = Tensor.Ones(50);
        var a = new Dropout(0.5, new NumPyRandomState(3));
        var b = new Dropout(0.5, new NumPyRandomState(3));
        var first = a.Forward(x).ToArray();
        Assert.Equal(first, b.Forward(x).ToArray());
        Assert.NotEqual(first, a.Forward(x).ToArray());
    }

    [Fact]
    public void Default_generator_is_Init_Generator()
    {
        var x = Tensor.Ones(20);
        Init.ManualSeed(11);
        var y = new Dropout(0.25).Forward(x).ToArray();
        var expected = new Dropout(0.25, new NumPyRandomState(11)).Forward(x).ToArray();
        Assert.Equal(expected, y);
    }

    [Fact]
    public void Eval_mode_and_p_zero_return_the_input_itself()
    {
        var x = Tensor.Ones(3, 4);
        var layer = new Dropout(0.5);
        layer.Eval();
        Assert.Same(x, layer.Forward(x));
        Assert.Same(x, new Dropout(0.0).Forward(x));
        Assert.Same(x, F.Dropout(x, 0.9, training: false));
    }

    [Fact]
    public void P_one_gives_zeros_and_zero_gradient()
    {
        var x = Tensor.From([1.0, -2, 3]);
        x.RequiresGrad = true;
        var y = new Dropout(1.0).Forward(x);
        Assert.Equal(new[] { 0.0, 0, 0 }, y.ToArray());
        y.Sum().Backward();
        Assert.Equal(new[] { 0.0, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Gradient_is_the_scaled_mask()
    {
        var x = new NumPyRandomState(2).Randn(40);
        x.RequiresGrad = true;
        var y = new Dropout(0.4, new NumPyRandomState(5)).Forward(x);
        y.Sum().Backward();
        var draws = new NumPyRandomState(5).Rand(40).ToArray();
        Assert.Equal(draws.Select(u => u < 0.6 ? 1 / 0.6 : 0.0).ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void Kept_fraction_and_mean_follow_p()
    {
        var y = new Dropout(0.3, new NumPyRandomState(21)).Forward(Tensor.Ones(20000)).ToArray();
        double kept = y.Count(v => v != 0) / 20000.0;
        Assert.InRange(kept, 0.69, 0.71);
        Assert.InRange(y.Average(), 0.98, 1.02);
    }

    [Fact]
    public void Float32_input_gets_a_float32_mask()
    {
        var y = new Dropout(0.5, new NumPyRandomState(1)).Forward(Tensor.From([1f, 2f, 3f, 4f]));
        Assert.Equal(DType.Float32, y.DType);
        Assert.All(y.ToArray(), v => Assert.Contains(v, new[] { 0.0, 2, 4, 6, 8 }));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void P_outside_zero_one_is_refused(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p));
        Assert.Contains("Dropout: p (the probability of zeroing an element) must be in [0, 1], got", e.Message);
    }

    [Fact]
    public void Summary_is_PyTorch_like() => Assert.Equal("Dropout(p=0.5, inplace=False)", new Dropout().ToString());

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 2, 3, 4, 5 })]
    [InlineData(new[] { 2, 0, 3 })]
    public void Any_rank_gets_a_mask_of_its_shape_drawn_row_major(int[] shape)
    {
        var x = Tensor.Ones(shape) * 3;
        var y = new Dropout(0.4, new NumPyRandomState(9)).Forward(x);
        Assert.Equal(shape, y.Shape);
        var draws = new NumPyRandomState(9).Rand(shape).ToArray();
        Assert.Equal(draws.Select(d => d < 0.6 ? 3 / 0.6 : 0.0), y.ToArray());
    }
}
