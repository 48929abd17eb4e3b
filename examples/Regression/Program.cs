// A noisy sine, a two-hidden-layer tanh network, mean squared error, Adam.
// `dotnet run --project examples/Regression -c Release` prints the loss every 50 epochs, then the final training
// MSE and the MSE against the noise-free sine (examples/Regression/expected-output.txt); `... -- --onnx
// regression.onnx` also exports the trained model to ONNX (src/AutoNet.Onnx, docs/onnx.md). The data, the model
// and the training loop are in RegressionTraining.cs.
using System.CommandLine;
using AutoNet.Examples;
using AutoNet.Onnx;
using Regression;

return RegressionCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of this example; tests run it in-process.</summary>
public static class RegressionCommand
{
    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var defaults = new RegressionOptions();
        var epochs = new Option<int>("--epochs") { Description = "Number of full-batch training epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var lr = new Option<double>("--lr") { Description = "Learning rate of Adam.", DefaultValueFactory = _ => defaults.Lr };
        var hidden = new Option<int>("--hidden") { Description = "Units in each hidden tanh layer.", DefaultValueFactory = _ => defaults.Hidden };
        var seed = new Option<uint>("--seed") { Description = "Seed of the generator that draws the initial weights.", DefaultValueFactory = _ => defaults.Seed };
        var samples = new Option<int>("--samples") { Description = "Number of training points.", DefaultValueFactory = _ => defaults.Samples };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the noise added to sin(x).", DefaultValueFactory = _ => defaults.Noise };
        var dataSeed = new Option<uint>("--data-seed") { Description = "Seed of the generator that draws x and the noise.", DefaultValueFactory = _ => defaults.DataSeed };
        var printEvery = new Option<int>("--print-every") { Description = "Print the loss every N epochs.", DefaultValueFactory = _ => defaults.PrintEvery };
        var onnx = new Option<string?>("--onnx") { Description = "Also export the trained model to this ONNX file (float32, batch size free)." };

        var root = new RootCommand("Fits a 1 -> hidden tanh -> hidden tanh -> 1 network to a noisy sine with AutoNet.")
        {
            epochs, lr, hidden, seed, samples, noise, dataSeed, printEvery, onnx,
        };
        root.SetAction(parse =>
        {
            var options = new RegressionOptions(parse.GetValue(epochs), parse.GetValue(lr), parse.GetValue(hidden), parse.GetValue(seed),
                parse.GetValue(samples), parse.GetValue(noise), parse.GetValue(dataSeed), parse.GetValue(printEvery));
            string? onnxPath = parse.GetValue(onnx);
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--epochs", options.Epochs, 0),
                OptionChecks.AtLeast("--hidden", options.Hidden, 1),
                OptionChecks.AtLeast("--samples", options.Samples, 1),
                OptionChecks.AtLeast("--print-every", options.PrintEvery, 1),
                OptionChecks.Finite("--lr", options.Lr),
                OptionChecks.Finite("--noise", options.Noise),
                OptionChecks.Fits("--hidden", options.Hidden, (options.Samples, options.Hidden), (options.Hidden, options.Hidden)),
                OptionChecks.Fits("--samples", options.Samples, (options.Samples, options.Hidden)),
                OptionChecks.WritableFile("--onnx", onnxPath));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() =>
            {
                var model = RegressionTraining.Train(options, output);
                if (onnxPath is not null)
                {
                    OnnxExporter.Export(model, onnxPath, inputFeatures: 1); // input "input" [N, 1] -> output "output"
                    output.WriteLine($"wrote {onnxPath}");
                }
                return 0;
            }, error);
        });
        return OptionChecks.Invoke(root, args, output, error);
    }
}
