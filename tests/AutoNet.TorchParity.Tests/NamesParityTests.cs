using AutoNet.Data;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using NamesExample;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// examples/Names trained in AutoNet and in libtorch side by side: the model of the example (<see cref="NamesMlp"/>,
/// C [27, 10] looked up with C[X], Linear 30 → 200, tanh, Linear 200 → 27) in float64, its weights copied into
/// TorchSharp, the example's split of names.txt and the same minibatches (<see cref="NamesTraining.Minibatch"/>, whose
/// rows TorchSharp indexes too), cross-entropy and SGD with the example's learning rate schedule (a tenth from 3/4 of
/// the steps on). The loss must agree at every step and the parameters at the end.
/// </summary>
public class NamesParityTests(ITestOutputHelper output)
{
    /// <summary>The largest relative loss difference allowed at any step (the task's bound). Measured with the
    /// libtorch of TorchSharp-cpu 0.107.0 (the test's output line, <c>dotnet test tests/AutoNet.TorchParity.Tests
    /// --filter NamesParityTests --logger "console;verbosity=detailed"</c>): loss 3.3463 -> 2.3290 over the 200 steps,
    /// worst relative loss difference 3.5e-16, final parameters within a relative 3.2e-15.</summary>
    private const double MaxRelativeLossDifference = 1e-10;

    [Fact]
    public void Names_trains_the_same_in_TorchSharp()
    {
        var options = new NamesOptions(Steps: 200);
        var (trainWords, _, _) = NamesData.Split(NamesData.LoadWords(), options.DataSeed);
        var (xTrain, yTrain) = NamesData.Build(trainWords);
        var generator = new NumPyRandomState(options.Seed);
        var model = new NamesMlp(generator, options.Embed, options.Hidden, DType.Float64);
        var optimizer = new AutoNet.Optim.SGD(model.Parameters(), options.Lr);

        using var scope = torch.NewDisposeScope();
        var c = new global::TorchSharp.Modules.Parameter(model.C.ToTorch());
        var w1 = new global::TorchSharp.Modules.Parameter(model.Hidden.Weight.ToTorch());
        var b1 = new global::TorchSharp.Modules.Parameter(model.Hidden.Bias!.ToTorch());
        var w2 = new global::TorchSharp.Modules.Parameter(model.Output.Weight.ToTorch());
        var b2 = new global::TorchSharp.Modules.Parameter(model.Output.Bias!.ToTorch());
        var torchOptimizer = torch.optim.SGD([c, w1, b1, w2, b2], options.Lr);

        var trace = new LossTrace($"names, {options.Steps} SGD steps of {options.BatchSize}, float64");
        for (int step = 0; step < options.Steps; step++)
        {
            var (x, y) = NamesTraining.Minibatch(generator, xTrain, yTrain, options.BatchSize);
            var loss = F.CrossEntropy(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.LearningRate = options.LearningRate(step);
            optimizer.Step();

            double torchLoss;
            using (torch.NewDisposeScope())
            {
                var tx = x.ToTorch();
                var emb = c[tx];                   // [B, 3, 10], as C[X] in PyTorch
                var h = torch.tanh(torch.nn.functional.linear(emb.view(-1, 3 * options.Embed), w1, b1));
                var value = torch.nn.functional.cross_entropy(torch.nn.functional.linear(h, w2, b2), y.ToTorch());
                torchOptimizer.zero_grad();
                value.backward();
                torchOptimizer.ParamGroups.First().LearningRate = options.LearningRate(step);
                torchOptimizer.step();
                torchLoss = value.item<double>();
            }
            trace.Add(loss.Item(), torchLoss);
        }

        output.WriteLine(trace.ToString());
        trace.AssertAgreed(MaxRelativeLossDifference, trainedFraction: 0.85);

        var close = new Close(ParityTolerance.Float64, $"{trace.CaseName} final parameters");
        close.Check("C", model.C, c);
        close.Check("hidden.weight", model.Hidden.Weight, w1);
        close.Check("hidden.bias", model.Hidden.Bias!, b1);
        close.Check("output.weight", model.Output.Weight, w2);
        close.Check("output.bias", model.Output.Bias!, b2);
        output.WriteLine(close.Summary("final parameters"));
        Assert.True(close.Failures.Count == 0, close.ToString());
    }
}
