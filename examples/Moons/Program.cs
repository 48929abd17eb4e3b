// The seed notebook's two-moons network, written declaratively with AutoNet.
//
// The notebook (NumPy, hand-written backprop) trains 2 -> 4 ReLU -> 1 sigmoid with binary cross-entropy and plain
// gradient descent (lr 0.1, 1000 epochs) on make_moons(200, noise=0.2, random_state=42), with weights drawn by
// np.random.seed(42); randn(2, 4) * 0.01; randn(4, 1) * 0.01. This program does the same with a Sequential model,
// autograd and SGD, and prints the notebook's ten lines exactly, then the training accuracy.
using System.CommandLine;
using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Examples;
using AutoNet.Nn;
using AutoNet.Optim;

return MoonsCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of the moons example; tests run it in-process.</summary>
public static class MoonsCommand
{
    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var epochsOption = new Option<int>("--epochs") { Description = "Number of full-batch training epochs.", DefaultValueFactory = _ => 1000 };
        var lrOption = new Option<double>("--lr") { Description = "Learning rate of plain gradient descent.", DefaultValueFactory = _ => 0.1 };
        var hiddenOption = new Option<int>("--hidden") { Description = "Number of hidden ReLU units.", DefaultValueFactory = _ => 4 };
        var seedOption = new Option<uint>("--seed") { Description = "Seed of the NumPy-exact generator that draws the initial weights (np.random.seed).", DefaultValueFactory = _ => 42 };
        var dataSeedOption = new Option<uint>("--data-seed") { Description = "random_state of make_moons.", DefaultValueFactory = _ => 42 };
        var printEveryOption = new Option<int>("--print-every") { Description = "Print the loss every N epochs.", DefaultValueFactory = _ => 100 };
        var plotsOption = new Option<string?>("--plots") { Description = "Also write decision-boundary.png and loss-curve.png into this directory." };

        var root = new RootCommand("Trains the seed notebook's two-moons network (2 -> hidden ReLU -> 1 sigmoid, BCE, SGD) with AutoNet.")
        {
            epochsOption, lrOption, hiddenOption, seedOption, dataSeedOption, printEveryOption, plotsOption,
        };
        root.SetAction(parse =>
        {
            int epochs = parse.GetValue(epochsOption), hidden = parse.GetValue(hiddenOption), printEvery = parse.GetValue(printEveryOption);
            double lr = parse.GetValue(lrOption);
            string? plots = parse.GetValue(plotsOption);
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--epochs", epochs, 0),
                OptionChecks.AtLeast("--hidden", hidden, 1),
                OptionChecks.AtLeast("--print-every", printEvery, 1),
                OptionChecks.Finite("--lr", lr),
                // the [200, hidden] activations, and with --plots the [21600, hidden] ones of the picture's grid
                OptionChecks.Fits("--hidden", hidden, (200, hidden), (2, hidden), (plots is null ? 0 : MoonsPlots.GridPoints, hidden)),
                OptionChecks.WritableDirectory("--plots", plots));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() => Train(epochs, lr, hidden, parse.GetValue(seedOption), parse.GetValue(dataSeedOption), printEvery, plots, output), error);
        });
        return OptionChecks.Invoke(root, args, output, error);
    }

    private static int Train(int epochs, double lr, int hidden, uint seed, uint dataSeed, int printEvery, string? plotsDirectory, TextWriter output)
    {
        // Data: X is [200, 2], y is [200] of 0/1; the notebook reshapes y to a column.
        var (X, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: dataSeed);
        var y = labels.Reshape(-1, 1);

        // The network, declaratively.
        var hiddenLayer = new Linear(2, hidden);
        var outputLayer = new Linear(hidden, 1);
        var model = new Sequential(hiddenLayer, new ReLU(), outputLayer, new Sigmoid());

        // The notebook's initial weights: np.random.seed(42); W1 = randn(2, 4) * 0.01; W2 = randn(4, 1) * 0.01; zero
        // biases. NumPy stores W as [in, out] and computes X @ W; Linear stores [out, in] and computes X @ W.T, so we
        // copy the transpose.
        var rng = new NumPyRandomState(seed);
        var w1 = rng.Randn(2, hidden) * 0.01;
        var w2 = rng.Randn(hidden, 1) * 0.01;
        using (Autograd.NoGrad())
        {
            hiddenLayer.Weight.CopyFrom(w1.T);
            hiddenLayer.Bias!.CopyFrom(Tensor.Zeros(hidden));
            outputLayer.Weight.CopyFrom(w2.T);
            outputLayer.Bias!.CopyFrom(Tensor.Zeros(1));
        }

        var lossFunction = new BCELoss();
        var optimizer = new SGD(model.Parameters(), lr);
        var losses = new List<double>(epochs);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(X), y); // forward
            losses.Add(loss.Item());
            optimizer.ZeroGrad();
            loss.Backward();                                       // backward: autograd replaces the hand-written formulas
            optimizer.Step();                                      // update: W -= lr * dW
            if (epoch % printEvery == 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {losses[^1]:F4}"));
        }

        using (Autograd.NoGrad())
        {
            var predictions = model.Forward(X).ToArray();
            var truth = y.ToArray();
            int correct = 0;
            for (int i = 0; i < truth.Length; i++) correct += (predictions[i] > 0.5 ? 1.0 : 0.0) == truth[i] ? 1 : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training accuracy: {(double)correct / truth.Length}"));
        }

        if (plotsDirectory is not null)
        {
            foreach (var file in MoonsPlots.Write(plotsDirectory, model, X, labels, losses)) output.WriteLine($"wrote {file}");
        }
        return 0;
    }
}
