using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Optim;

public class SGDTests
{
    private static Tensor Param(params double[] v)
    {
        var t = Tensor.From(v);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Plain_step_subtracts_lr_times_grad_and_skips_parameters_without_grad()
    {
        var p = Param(1, 2);
        var q = Param(5);
        var sgd = new SGD([p, q], lr: 0.1);
        p.Grad = Tensor.From([10.0, -20]);
        sgd.Step();
        Assert.Equal(new[] { 1 - 0.1 * 10, 2 + 0.1 * 20 }, p.ToArray());
        Assert.Equal(5.0, q.Item());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1000)]
    public void Plain_step_on_long_tensors_is_the_element_formula_in_both_dtypes(int length)
    {
        // The plain step runs a vector at a time with a scalar tail; each element must still be p + (-lr · g), the
        // product rounded before the add, in float64 and in float32.
        var rng = new Random(length);
        double[] p0 = Enumerable.Range(0, length).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        double[] g = Enumerable.Range(0, length).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        const double lr = 0.037;

        var p64 = Param(p0);
        p64.Grad = Tensor.From(g);
        new SGD([p64], lr).Step();
        Assert.Equal(p0.Select((v, i) => v + -lr * g[i]).ToArray(), p64.ToArray());

        var p32 = Tensor.From(p0).To(DType.Float32);
        p32.RequiresGrad = true;
        p32.Grad = Tensor.From(g).To(DType.Float32);
        new SGD([p32], lr).Step();
        float negLr = (float)-lr;
        float[] expected = p0.Select((v, i) => (float)v + negLr * (float)g[i]).ToArray();
        Assert.Equal(expected, p32.ToFloatArray());
    }

    [Fact]
    public void Momentum_dampening_weight_decay_and_nesterov_follow_PyTorchs_rule()
    {
        // Hand-computed with torch.optim.SGD's algorithm for a constant gradient g = 1 on p0 = 1.
        double lr = 0.1, mu = 0.9, damp = 0.1, wd = 0.01;
        var p = Param(1.0);
        var sgd = new SGD([p], lr, momentum: mu, dampening: damp, weightDecay: wd);
        double expected = 1.0, buffer = 0;
        for (int step = 0; step < 3; step++)
        {
            p.Grad = Tensor.From([1.0]);
            sgd.Step();
            double g = 1.0 + wd * expected;
            buffer = step == 0 ? g : mu * buffer + (1 - damp) * g;
            expected -= lr * buffer;
            Assert.Equal(expected, p.Item(), 15);
        }

        var n = Param(1.0);
        var nesterov = new SGD([n], lr, momentum: mu, nesterov: true);
        double e2 = 1.0, b2 = 0;
        for (int step = 0; step < 3; step++)
        {
            n.Grad = Tensor.From([1.0]);
            nesterov.Step();
            b2 = step == 0 ? 1.0 : mu * b2 + 1.0;
            e2 -= lr * (1.0 + mu * b2);
            Assert.Equal(e2, n.Item(), 15);
        }
    }

    [Fact]
    public void ZeroGrad_sets_gradients_to_null()
    {
        var p = Param(1);
        var sgd = new SGD([p], 0.1);
        p.Grad = Tensor.From([1.0]);
        sgd.ZeroGrad();
        Assert.Null(p.Grad);
    }

    [Theory]
    [InlineData(double.NaN, 0, false, "learning rate")]
    [InlineData(-0.1, 0, false, "learning rate")]
    [InlineData(0.1, 1.0, false, "momentum")]
    [InlineData(0.1, -0.5, false, "momentum")]
    [InlineData(0.1, 0, true, "nesterov")]
    public void Bad_hyperparameters_are_refused_with_a_clear_message(double lr, double momentum, bool nesterov, string named)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new SGD([Param(1)], lr, momentum: momentum, nesterov: nesterov));
        Assert.Contains(named, e.Message);
        Assert.StartsWith("SGD:", e.Message);
    }

    [Fact]
    public void Parameters_must_be_leaves_that_require_grad()
    {
        Assert.Contains("leaf", Assert.Throws<ArgumentException>(() => new SGD([Tensor.Ones(1)], 0.1)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new SGD([], 0.1)).Message);
    }
}
