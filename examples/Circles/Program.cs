// Two concentric circles (scikit-learn's make_circles), a tanh network, BCE with logits, SGD with momentum.
// `dotnet run --project examples/Circles -c Release` prints the loss every 50 epochs, then the training accuracy
// (examples/Circles/expected-output.txt); `... -- --onnx circles.onnx` also exports the trained model to ONNX
// (src/AutoNet.Onnx, docs/onnx.md). The data, the model and the training loop are in CirclesTraining.cs.
using System.CommandLine;
using AutoNet.Examples;
using AutoNet.Onnx;
using Circles;

return CirclesCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of the circles example; tests run it in-process.</summary>
public static class CirclesCommand
{
    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var defaults = new CirclesOptions();
        var epochs = new Option<int>("--epochs") { Description = "Number of full-batch training epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var lr = new Option<double>("--lr") { Description = "Learning rate of SGD.", DefaultValueFactory = _ => defaults.Lr };
        var momentum = new Option<double>("--momentum") { Description = "Momentum of SGD.", DefaultValueFactory = _ => defaults.Momentum };
        var hidden = new Option<int>("--hidden") { Description = "Number of hidden tanh units.", DefaultValueFactory = _ => defaults.Hidden };
        var seed = new Option<uint>("--seed") { Description = "Seed of the generator that draws the initial weights.", DefaultValueFactory = _ => defaults.Seed };
        var samples = new Option<int>("--samples") { Description = "Number of points, half on each circle.", DefaultValueFactory = _ => defaults.Samples };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise on the points.", DefaultValueFactory = _ => defaults.Noise };
        var dataSeed = new Option<uint>("--data-seed") { Description = "random_state of make_circles.", DefaultValueFactory = _ => defaults.DataSeed };
        var printEvery = new Option<int>("--print-every") { Description = "Print the loss every N epochs.", DefaultValueFactory = _ => defaults.PrintEvery };
        var onnx = new Option<string?>("--onnx") { Description = "Also export the trained model to this ONNX file (float32, batch size free)." };

        var root = new RootCommand("Trains a 2 -> hidden tanh -> 1 network on two concentric circles with AutoNet.")
        {
            epochs, lr, momentum, hidden, seed, samples, noise, dataSeed, printEvery, onnx,
        };
        root.SetAction(parse =>
        {
            var options = new CirclesOptions(parse.GetValue(epochs), parse.GetValue(lr), parse.GetValue(momentum), parse.GetValue(hidden),
                parse.GetValue(seed), parse.GetValue(samples), parse.GetValue(noise), parse.GetValue(dataSeed), parse.GetValue(printEvery));
            string? onnxPath = parse.GetValue(onnx);
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--epochs", options.Epochs, 0),
                OptionChecks.AtLeast("--hidden", options.Hidden, 1),
                OptionChecks.AtLeast("--samples", options.Samples, 2),
                OptionChecks.AtLeast("--print-every", options.PrintEvery, 1),
                OptionChecks.Finite("--lr", options.Lr),
                OptionChecks.Finite("--momentum", options.Momentum, 0, 1),
                OptionChecks.Finite("--noise", options.Noise),
                OptionChecks.Fits("--samples", options.Samples, (options.Samples, 2)),
                OptionChecks.Fits("--hidden", options.Hidden, (options.Samples, options.Hidden), (options.Hidden, 2)),
                OptionChecks.WritableFile("--onnx", onnxPath));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() =>
            {
                var model = CirclesTraining.Train(options, output);
                if (onnxPath is not null)
                {
                    OnnxExporter.Export(model, onnxPath, inputFeatures: 2); // input "input" [N, 2] -> output "output"
                    output.WriteLine($"wrote {onnxPath}");
                }
                return 0;
            }, error);
        });
        return OptionChecks.Invoke(root, args, output, error);
    }
}
