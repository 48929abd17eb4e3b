using Xunit;
using AutoNet.Nn;
using AutoNet.Tests.Support;

namespace AutoNet.Tests.Seed;

/// <summary>
/// At epoch 0, autograd's gradients of the declarative moons model equal the seed notebook's hand-written
/// backprop, both as recorded by NumPy and as re-computed here from the seed's formulas with AutoNet tensors.
/// </summary>
public class SeedGradientTests
{
    [Fact]
    public void Data_and_initial_weights_equal_the_notebook_bit_for_bit()
    {
        var seed = new SeedModel();
        var data = SeedModel.Reference.RootElement.GetProperty("data");
        Assert.Equal(Fixtures.Flat(data.GetProperty("X")), seed.X.ToArray());
        Assert.Equal(Fixtures.Flat(data.GetProperty("y")), seed.Y.ToArray());
        Assert.Equal(SeedModel.Ref("init", "W1"), seed.Hidden.Weight.T.ToArray());
        Assert.Equal(SeedModel.Ref("init", "W2"), seed.Output.Weight.T.ToArray());
    }

    [Fact]
    public void Autograd_equals_the_recorded_handwritten_gradients_at_epoch_0()
    {
        var seed = new SeedModel();
        var loss = new BCELoss().Forward(seed.Model.Forward(seed.X), seed.Y);
        loss.Backward();
        // Linear keeps [out, in]; the notebook's dW is [in, out]: compare the transpose.
        Close.Relative(SeedModel.Ref("grads_epoch0_handwritten", "W1"), seed.Hidden.Weight.Grad!.T.ToArray(), 1e-10, what: "dW1");
        Close.Relative(SeedModel.Ref("grads_epoch0_handwritten", "b1"), seed.Hidden.Bias!.Grad!.ToArray(), 1e-10, what: "db1");
        Close.Relative(SeedModel.Ref("grads_epoch0_handwritten", "W2"), seed.Output.Weight.Grad!.T.ToArray(), 1e-10, what: "dW2");
        Close.Relative(SeedModel.Ref("grads_epoch0_handwritten", "b2"), seed.Output.Bias!.Grad!.ToArray(), 1e-10, what: "db2");
    }

    [Fact]
    public void The_seeds_handwritten_formulas_in_AutoNet_tensors_agree_with_autograd()
    {
        var seed = new SeedModel();
        // Forward, with the notebook's [in, out] matrices and no autograd.
        Tensor x = seed.X, y = seed.Y, w1 = seed.Hidden.Weight.T.Detach(), w2 = seed.Output.Weight.T.Detach();
        Tensor b1 = seed.Hidden.Bias!.Detach(), b2 = seed.Output.Bias!.Detach();
        var z1 = x.MatMul(w1) + b1;
        var a1 = z1.Relu();
        var a2 = (a1.MatMul(w2) + b2).Sigmoid();
        // The seed's backward(): dZ2 = A2 - y; dW2 = A1ᵀ dZ2 / m; db2 = Σ dZ2 / m; dZ1 = dZ2 W2ᵀ * relu'(Z1); ...
        double m = x.Shape[0];
        var dZ2 = a2 - y;
        var dW2 = a1.T.MatMul(dZ2) / m;
        var db2 = dZ2.Sum(0, keepDim: true) / m;
        var reluDerivative = Tensor.From(z1.ToArray().Select(v => v > 0 ? 1.0 : 0.0).ToArray(), 200, 4);
        var dZ1 = dZ2.MatMul(w2.T) * reluDerivative;
        var dW1 = x.T.MatMul(dZ1) / m;
        var db1 = dZ1.Sum(0, keepDim: true) / m;
        Assert.False(dW1.RequiresGrad);

        // Sums of 200 terms with cancellation: NumPy and AutoNet add in different orders, so agree to ~1e-13 relative.
        Close.Relative(SeedModel.Ref("grads_epoch0_handwritten", "W1"), dW1.ToArray(), 1e-11, what: "hand dW1 vs NumPy");
        Close.Relative(SeedModel.Ref("grads_epoch0_handwritten", "b2"), db2.ToArray(), 1e-11, what: "hand db2 vs NumPy");

        var loss = new BCELoss().Forward(seed.Model.Forward(seed.X), seed.Y);
        loss.Backward();
        Close.Relative(dW1.ToArray(), seed.Hidden.Weight.Grad!.T.ToArray(), 1e-10, what: "dW1");
        Close.Relative(db1.ToArray(), seed.Hidden.Bias!.Grad!.ToArray(), 1e-10, what: "db1");
        Close.Relative(dW2.ToArray(), seed.Output.Weight.Grad!.T.ToArray(), 1e-10, what: "dW2");
        Close.Relative(db2.ToArray(), seed.Output.Bias!.Grad!.ToArray(), 1e-10, what: "db2");
    }
}
