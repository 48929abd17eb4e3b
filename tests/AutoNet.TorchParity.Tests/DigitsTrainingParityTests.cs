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
/// The Digits example's CNN (examples/Digits, <c>DigitsCommand.Model()</c>) trained in AutoNet and in libtorch from
/// the same weights on the same minibatches: the example's seeds (weights 2, data split 42), its first
/// <see cref="Epochs"/> epochs of Adam lr 1e-2 on its shuffled minibatches of 64 with cross-entropy, in float64
/// (the example trains in float32; float64 makes the comparison tight). The model is exported with
/// <c>ToTorch()</c>; every step's loss must agree and the parameters at the end.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]   // the weights come from Init.ManualSeed, as in the example
public class DigitsTrainingParityTests(ITestOutputHelper output)
{
    private const int Epochs = 2, BatchSize = 64, TrainCount = 1347;
    private const uint Seed = 2, DataSeed = 42;
    private const double Lr = 1e-2;

    /// <summary>The largest relative loss difference allowed at any step. Measured with the libtorch of
    /// TorchSharp-cpu 0.107.0 (the test's output line, <c>dotnet test tests/AutoNet.TorchParity.Tests --filter
    /// DigitsTrainingParityTests --logger "console;verbosity=detailed"</c>): 44 steps, worst relative loss difference
    /// 4.2e-16 (8.9e-16 absolute), final parameters within 4.0e-16 absolute (2.1e-14 relative). The bound is the one
    /// issue 12 asked for, far above the measured worst; the parameters use <see cref="ParityTolerance.Float64"/>.</summary>
    private const double MaxRelativeLossDifference = 1e-10;

    [Fact]
    public void Digits_CNN_trains_the_same_in_TorchSharp()
    {
        var (pixels, labels) = DigitsCommand.Load(DigitsCommand.DataPath);
        var order = new NumPyRandomState(DataSeed).Permutation(labels.Length);
        int[] train = order[..TrainCount];

        Init.ManualSeed(Seed);
        var model = DigitsCommand.Model().To(DType.Float64);
        var optimizer = new Adam(model.Parameters(), Lr);

        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var torchOptimizer = torch.optim.Adam(torchModel.parameters(), Lr, beta1: 0.9, beta2: 0.999, eps: 1e-8);

        var shuffle = new NumPyRandomState(Seed);
        var trace = new LossTrace($"digits CNN, {Epochs} epochs of minibatches of {BatchSize}, float64");
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            var epochOrder = shuffle.Permutation(train.Length);
            for (int start = 0; start < train.Length; start += BatchSize)
            {
                var rows = epochOrder[start..Math.Min(start + BatchSize, train.Length)].Select(i => train[i]).ToArray();
                var (x32, y) = DigitsCommand.Batch(pixels, labels, rows);
                var x = x32.To(DType.Float64);   // the pixels are k/16, exact in both types
                var loss = F.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();

                double torchLoss;
                using (torch.NewDisposeScope())
                {
                    var value = torch.nn.functional.cross_entropy(torchModel.forward(x.ToTorch()), torch.tensor(y.Select(c => (long)c).ToArray()));
                    torchOptimizer.zero_grad();
                    value.backward();
                    torchOptimizer.step();
                    torchLoss = value.item<double>();
                }
                trace.Add(loss.Item(), torchLoss);
            }
        }

        output.WriteLine(trace.ToString());
        Assert.True(trace.Steps >= 20, $"only {trace.Steps} steps");
        trace.AssertAgreed(MaxRelativeLossDifference, trainedFraction: 0.5);

        var close = new Close(ParityTolerance.Float64, $"{trace.CaseName} final parameters");
        close.CheckParameters(model, torchModel);
        output.WriteLine(close.Summary("final parameters"));
        Assert.True(close.Failures.Count == 0, close.ToString());
    }
}
