using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>The fused op's own gradient tests (one op, so that its gradient is PyTorch's fused formula); its values against PyTorch are in Nn/BCEWithLogitsLossTests.</summary>
public class BinaryCrossEntropyWithLogitsTests
{
    private static Tensor Targets(NumPyRandomState rng, params int[] shape)
    {
        var y = rng.Rand(shape);
        y.RequiresGrad = true;
        return y;
    }

    [Fact]
    public void Gradients_for_logits_and_targets_match_central_differences()
    {
        var rng = new NumPyRandomState(41);
        var x = Leaves.Normal(rng, 3, 4);
        var y = Targets(rng, 3, 4);
        GradAssert.Passes(t => AutoNet.Ops.BinaryCrossEntropyWithLogits.Forward(t[0] * 3.0, t[1], null), x, y);
    }

    [Fact]
    public void Gradients_with_a_broadcast_pos_weight_match_central_differences_for_all_three_inputs_to_second_order()
    {
        var rng = new NumPyRandomState(42);
        var x = Leaves.Normal(rng, 3, 4);
        var y = Targets(rng, 3, 4);
        var pw = rng.Uniform(0.5, 2.5, 4);
        pw.RequiresGrad = true;
        GradAssert.Passes(t => AutoNet.Ops.BinaryCrossEntropyWithLogits.Forward(t[0] * 3.0, t[1], t[2]), x, y, pw);
        GradAssert.SecondOrderPasses(t => AutoNet.Ops.BinaryCrossEntropyWithLogits.Forward(t[0] * 3.0, t[1], t[2]), x, y, pw);
    }

    [Fact]
    public void Second_order_gradient_is_sigmoid_prime()
    {
        // d/dx ℓ = σ(x) - y, so d²/dx² ℓ = σ(x)(1 - σ(x)), through the recorded backward.
        var x = Tensor.From([-3.0, 0, 2.5]);
        x.RequiresGrad = true;
        var y = Tensor.From([0.0, 0.5, 1]);
        var g = Autograd.Grad([AutoNet.Ops.BinaryCrossEntropyWithLogits.Forward(x, y, null).Sum()], [x], createGraph: true)[0]!;
        var g2 = Autograd.Grad([g.Sum()], [x])[0]!.ToArray();
        foreach (var (xi, i) in new[] { -3.0, 0, 2.5 }.Select((v, i) => (v, i)))
        {
            double s = 1 / (1 + Math.Exp(-xi));
            Assert.Equal(s * (1 - s), g2[i], 15);
        }
    }

    [Fact]
    public void Gradients_stay_finite_and_exact_at_logits_of_plus_minus_1000()
    {
        var x = Tensor.From([1000.0, -1000, 1000, -1000]);
        x.RequiresGrad = true;
        var y = Tensor.From([1.0, 0, 0, 1]);
        y.RequiresGrad = true;
        var pw = Tensor.Scalar(2.0);
        pw.RequiresGrad = true;
        var loss = AutoNet.Ops.BinaryCrossEntropyWithLogits.Forward(x, y, pw);
        Assert.Equal(new[] { 0.0, 0, 1000, 2000 }, loss.ToArray());
        var g = Autograd.Grad([loss.Sum()], [x, y, pw]);
        Assert.Equal(new[] { 0.0, 0, 1, -2 }, g[0]!.ToArray());     // (1 + (pw-1)y)σ(x) - pw·y
        Assert.Equal(new[] { -1000.0, 2000, -1000, 2000 }, g[1]!.ToArray()); // (pw-1)·softplus(-x) - x
        Assert.Equal(1000.0, g[2]!.Item());                          // Σ y·softplus(-x)
    }
}
