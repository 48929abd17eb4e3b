using AutoNet.Nn;
using AutoNet.Testing.Tests.Support;
using Xunit;

namespace AutoNet.Testing.Tests;

public class CaptureTests
{
    [Fact]
    public void Capture_discards_gradients_accumulated_before_as_zero_grad_does()
    {
        var moons = new MoonsExample();
        var fresh = GradientSnapshot.Capture(moons.Model, moons.Loss);
        moons.Loss().Backward(); // leaves a gradient on every parameter, as a forgotten ZeroGrad would
        moons.Loss().Backward();
        var again = GradientSnapshot.Capture(moons.Model, moons.Loss);

        var result = GradientSnapshot.Compare(fresh, again, rtol: 0, atol: 0);
        Assert.True(result.Passed, result.ToString());
        // The parameters keep the captured gradient afterwards, as after loss.Backward().
        Bits.AssertSame(again.Gradients["0.weight"], moons.Model.NamedParameters().First().Parameter.Grad!, "0.weight");
    }

    [Fact]
    public void Inputs_get_their_gradient_as_input_name_and_keep_their_requires_grad()
    {
        var moons = new MoonsExample();
        Assert.False(moons.X.RequiresGrad);
        var snapshot = GradientSnapshot.Capture(moons.Model, moons.Loss, moons.Inputs);

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "input.x"], snapshot.Gradients.Keys);
        Assert.Equal(moons.X.Shape, snapshot.Gradients["input.x"].Shape);
        Assert.Contains(snapshot.Gradients["input.x"].ToArray(), v => v != 0);
        Assert.False(moons.X.RequiresGrad);
    }

    [Fact]
    public void A_parameter_the_loss_does_not_reach_gets_zeros_like_zero_grad_set_to_none_false()
    {
        var used = new Linear(2, 1);
        var unused = new Linear(2, 3);
        var model = new Sequential(used, unused);
        var x = Tensor.From([1.0, 2.0], 1, 2);
        var snapshot = GradientSnapshot.Capture(model, () => used.Forward(x).Sum());

        Assert.Equal(new double[6], snapshot.Gradients["1.weight"].ToArray());
        Assert.Equal([3], snapshot.Gradients["1.bias"].Shape);
        Assert.Equal([1.0, 2.0], snapshot.Gradients["0.weight"].ToArray());
    }

    [Fact]
    public void A_loss_with_more_than_one_element_is_refused_as_backward_refuses_it()
    {
        var moons = new MoonsExample();
        var e = Assert.Throws<ArgumentException>(() => GradientSnapshot.Capture(moons.Model, () => moons.Model.Forward(moons.X)));
        Assert.StartsWith("GradientSnapshot.Capture: the loss has shape [200, 1] (200 elements); expected a single value (reduce it with Mean() or Sum()).", e.Message);
    }

    [Fact]
    public void A_loss_computed_without_grad_is_refused()
    {
        var moons = new MoonsExample();
        var e = Assert.Throws<ArgumentException>(() => GradientSnapshot.Capture(moons.Model, () =>
        {
            using (Autograd.NoGrad()) return moons.Loss();
        }));
        Assert.StartsWith("GradientSnapshot.Capture: the loss does not require grad", e.Message);
    }

    [Fact]
    public void A_computed_input_is_refused_because_backward_keeps_no_gradient_for_it()
    {
        var moons = new MoonsExample();
        var leaf = Tensor.From([1.0, 2.0]);
        leaf.RequiresGrad = true;
        var computed = leaf * 2.0;
        var e = Assert.Throws<ArgumentException>(() => GradientSnapshot.Capture(moons.Model, moons.Loss, new Dictionary<string, Tensor> { ["h"] = computed }));
        Assert.Contains("input 'h' was computed by", e.Message);
        Assert.Contains("expected a leaf tensor", e.Message);
    }
}
