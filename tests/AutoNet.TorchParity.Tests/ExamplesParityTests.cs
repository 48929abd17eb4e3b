using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using Circles;
using Regression;
using Spirals;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The examples beside Moons (examples/Circles, Spirals, Regression; Moons is <see cref="MoonsParityTests"/>), each
/// trained for its full default run in AutoNet and in libtorch: the model from the example's own
/// <c>BuildModel(seed)</c>, exported with <c>ToTorch()</c> so both start from the same weights; the data from its
/// <c>MakeData</c>; the loss, optimiser and hyperparameters of its <c>Train</c> (the defaults of its options record);
/// for Spirals the same minibatches in the same order. In float64 (the examples' dtype) the loss must agree at
/// every step and the parameters at the end.
/// </summary>
public class ExamplesParityTests(ITestOutputHelper output)
{
    /// <summary>The largest relative loss difference allowed at any step. Measured with the libtorch of
    /// TorchSharp-cpu 0.107.0 (the tests' output lines, <c>dotnet test tests/AutoNet.TorchParity.Tests --filter
    /// ExamplesParityTests --logger "console;verbosity=detailed"</c>): circles 6.4e-16, regression 9.9e-16, spirals
    /// 2.5e-14 (the 1000 Adam steps of spirals drift furthest); the final parameters agree to a relative 7.1e-14,
    /// inside <see cref="ParityTolerance.Float64"/>. This bound leaves 40x room over the worst.</summary>
    private const double MaxRelativeLossDifference = 1e-12;

    [Fact]
    public void Circles_trains_the_same_in_TorchSharp()
    {
        var options = new CirclesOptions();
        var (x, y) = CirclesTraining.MakeData(options);
        var model = CirclesTraining.BuildModel(options.Seed, options.Hidden);
        var lossFunction = new BCEWithLogitsLoss();
        var optimizer = new SGD(model.Parameters(), options.Lr, momentum: options.Momentum);

        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var torchLoss = torch.nn.BCEWithLogitsLoss();
        var torchOptimizer = torch.optim.SGD(torchModel.parameters(), options.Lr, momentum: options.Momentum);
        var tx = x.ToTorch();
        var ty = y.ToTorch();

        var trace = new LossTrace($"circles, {options.Epochs} epochs, float64");
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            trace.Add(loss.Item(), TorchStep(torchModel, torchOptimizer, m => torchLoss.forward(m.forward(tx), ty)));
        }

        Finish(trace, model, torchModel);
    }

    [Fact]
    public void Spirals_trains_the_same_in_TorchSharp()
    {
        var options = new SpiralsOptions();
        var (x, y) = SpiralsTraining.MakeData(options);
        int n = x.Shape[0];
        // The example's loader with a third field, each sample's row index: the shuffle draws Permutation(n) from
        // the same seeded generator whatever the fields, so the batches are the example's, and the indices say
        // which rows of the data TorchSharp must take for each.
        var loader = new DataLoader(new TensorDataset(x, y, Tensor.Arange(n)), options.BatchSize, shuffle: true,
            generator: new NumPyRandomState(options.ShuffleSeed));
        var model = SpiralsTraining.BuildModel(options.Seed, options.Hidden, options.Classes);
        var lossFunction = new CrossEntropyLoss();
        var optimizer = new Adam(model.Parameters(), options.Lr);

        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var torchLoss = torch.nn.CrossEntropyLoss();
        var torchOptimizer = torch.optim.Adam(torchModel.parameters(), options.Lr, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        var tx = x.ToTorch();
        var ty = torch.tensor(ClassIndices(y).Select(c => (long)c).ToArray());

        var trace = new LossTrace($"spirals, {options.Epochs} epochs of {loader.Count} batches, float64");
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            foreach (var batch in loader)
            {
                var loss = lossFunction.Forward(model.Forward(batch[0]), ClassIndices(batch[1]));
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();

                long[] rows = [.. batch[2].ToArray().Select(i => (long)i)];
                trace.Add(loss.Item(), TorchStep(torchModel, torchOptimizer, m =>
                {
                    var index = torch.tensor(rows);
                    return torchLoss.forward(m.forward(tx.index_select(0, index)), ty.index_select(0, index));
                }));
            }
        }

        Finish(trace, model, torchModel);
    }

    [Fact]
    public void Regression_trains_the_same_in_TorchSharp()
    {
        var options = new RegressionOptions();
        var (x, y) = RegressionTraining.MakeData(options);
        var model = RegressionTraining.BuildModel(options.Seed, options.Hidden);
        var lossFunction = new MSELoss();
        var optimizer = new Adam(model.Parameters(), options.Lr);

        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var torchLoss = torch.nn.MSELoss();
        var torchOptimizer = torch.optim.Adam(torchModel.parameters(), options.Lr, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        var tx = x.ToTorch();
        var ty = y.ToTorch();

        var trace = new LossTrace($"regression, {options.Epochs} epochs, float64");
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            trace.Add(loss.Item(), TorchStep(torchModel, torchOptimizer, m => torchLoss.forward(m.forward(tx), ty)));
        }

        Finish(trace, model, torchModel);
    }

    /// <summary>One TorchSharp training step in its own dispose scope; returns the step's loss.</summary>
    private static double TorchStep(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.optim.Optimizer optimizer,
        Func<torch.nn.Module<torch.Tensor, torch.Tensor>, torch.Tensor> loss)
    {
        using var step = torch.NewDisposeScope();
        var value = loss(model);
        optimizer.zero_grad();
        value.backward();
        optimizer.step();
        return value.item<double>();
    }

    /// <summary>Asserts that the losses agreed and trained, and that the final parameters agree.</summary>
    private void Finish(LossTrace trace, Module model, torch.nn.Module<torch.Tensor, torch.Tensor> torchModel)
    {
        output.WriteLine(trace.ToString());
        trace.AssertAgreed(MaxRelativeLossDifference, trainedFraction: 0.5);

        var close = new Close(ParityTolerance.Float64, $"{trace.CaseName} final parameters");
        close.CheckParameters(model, torchModel);
        output.WriteLine(close.Summary("final parameters"));
        Assert.True(close.Failures.Count == 0, close.ToString());
    }

    /// <summary>The labels as class indices, as examples/Spirals passes them to CrossEntropyLoss.</summary>
    private static int[] ClassIndices(Tensor labels) => [.. labels.ToArray().Select(v => (int)v)];
}
