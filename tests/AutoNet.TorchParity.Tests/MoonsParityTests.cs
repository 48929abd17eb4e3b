using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The seed notebook's moons model (examples/Moons) trained for 1000 epochs in AutoNet and in libtorch from the same
/// weights, in float64: the loss must agree at every epoch, and the weights at the end.
/// </summary>
public class MoonsParityTests(ITestOutputHelper output)
{
    /// <summary>The largest |loss difference| over the 1000 epochs allowed: measured 0 to a few ulps, so this is
    /// tight while leaving room for a different summation order in a future libtorch.</summary>
    private const double MaxLossDifference = 1e-13;

    [Fact]
    public void Thousand_epochs_give_the_same_loss_at_every_epoch()
    {
        // Data and weights exactly as examples/Moons/Program.cs: make_moons(200, noise=0.2, random_state=42);
        // np.random.seed(42); W1 = randn(2, 4) * 0.01; W2 = randn(4, 1) * 0.01; zero biases.
        var (X, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
        var y = labels.Reshape(-1, 1);
        var hidden = new Linear(2, 4);
        var outputLayer = new Linear(4, 1);
        var model = new Sequential(hidden, new ReLU(), outputLayer, new Nn.Sigmoid());
        var rng = new NumPyRandomState(42);
        var w1 = rng.Randn(2, 4) * 0.01;
        var w2 = rng.Randn(4, 1) * 0.01;
        using (Autograd.NoGrad())
        {
            hidden.Weight.CopyFrom(w1.T);
            hidden.Bias!.CopyFrom(Tensor.Zeros(4));
            outputLayer.Weight.CopyFrom(w2.T);
            outputLayer.Bias!.CopyFrom(Tensor.Zeros(1));
        }

        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var torchLoss = torch.nn.BCELoss();
        var torchOptimizer = torch.optim.SGD(torchModel.parameters(), 0.1);
        var tx = X.ToTorch();
        var ty = y.ToTorch();
        var lossFunction = new BCELoss();
        var optimizer = new SGD(model.Parameters(), 0.1);

        double maxDifference = 0;
        int worstEpoch = 0;
        double firstLoss = 0, lastLoss = 0;
        for (int epoch = 0; epoch < 1000; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(X), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();

            double torchValue;
            using (torch.NewDisposeScope())
            {
                var tloss = torchLoss.forward(torchModel.forward(tx), ty);
                torchOptimizer.zero_grad();
                tloss.backward();
                torchOptimizer.step();
                torchValue = tloss.item<double>();
            }

            double difference = Math.Abs(loss.Item() - torchValue);
            if (difference > maxDifference)
            {
                maxDifference = difference;
                worstEpoch = epoch;
            }
            if (epoch == 0) firstLoss = loss.Item();
            lastLoss = loss.Item();
        }

        output.WriteLine(FormattableString.Invariant(
            $"moons, 1000 epochs, float64: loss {firstLoss:F6} -> {lastLoss:F6}; max |AutoNet - PyTorch| loss difference {maxDifference:G3} (epoch {worstEpoch})"));
        ParityLog.Record("moons 1000 epochs", "loss per epoch", DType.Float64, maxDifference, maxDifference / lastLoss);
        Assert.True(maxDifference <= MaxLossDifference,
            FormattableString.Invariant($"loss differs by {maxDifference:R} at epoch {worstEpoch} (allowed {MaxLossDifference:R})"));
        Assert.True(lastLoss < 0.5 * firstLoss, "the model did not train"); // the comparison is not of two idle runs

        var close = new Close(ParityTolerance.Float64, "moons final weights");
        foreach (var ((name, p), (_, tp)) in model.NamedParameters().Zip(torchModel.named_parameters()))
            close.Check(name, p, tp);
        Assert.True(close.Failures.Count == 0, close.ToString());
    }
}
