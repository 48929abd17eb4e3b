// Three interleaved spirals, a two-hidden-layer ReLU network, softmax cross-entropy, minibatches, Adam.
// `dotnet run --project examples/Spirals -c Release` prints the mean loss every 10 epochs, then the training
// accuracy (examples/Spirals/expected-output.txt); `... -- --onnx spirals.onnx` also exports the trained model to
// ONNX (src/AutoNet.Onnx, docs/onnx.md). The data, the model and the training loop are in SpiralsTraining.cs.
using System.CommandLine;
using AutoNet.Examples;
using AutoNet.Onnx;
using Spirals;

return SpiralsCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of this example; tests run it in-process.</summary>
public static class SpiralsCommand
{
    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var defaults = new SpiralsOptions();
        var epochs = new Option<int>("--epochs") { Description = "Number of passes over the data.", DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Points per minibatch.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Learning rate of Adam.", DefaultValueFactory = _ => defaults.Lr };
        var hidden = new Option<int>("--hidden") { Description = "Units in each hidden ReLU layer.", DefaultValueFactory = _ => defaults.Hidden };
        var seed = new Option<uint>("--seed") { Description = "Seed of the generator that draws the initial weights.", DefaultValueFactory = _ => defaults.Seed };
        var shuffleSeed = new Option<uint>("--shuffle-seed") { Description = "Seed of the generator that shuffles the minibatches.", DefaultValueFactory = _ => defaults.ShuffleSeed };
        var points = new Option<int>("--points-per-class") { Description = "Points on each spiral arm.", DefaultValueFactory = _ => defaults.PointsPerClass };
        var classes = new Option<int>("--classes") { Description = "Number of spiral arms (classes).", DefaultValueFactory = _ => defaults.Classes };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the angle noise.", DefaultValueFactory = _ => defaults.Noise };
        var dataSeed = new Option<uint>("--data-seed") { Description = "Seed of the generator that draws the data's noise.", DefaultValueFactory = _ => defaults.DataSeed };
        var printEvery = new Option<int>("--print-every") { Description = "Print the mean loss every N epochs.", DefaultValueFactory = _ => defaults.PrintEvery };
        var onnx = new Option<string?>("--onnx") { Description = "Also export the trained model to this ONNX file (float32, batch size free)." };

        var root = new RootCommand("Trains a 2 -> hidden ReLU -> hidden ReLU -> classes network on interleaved spirals with AutoNet.")
        {
            epochs, batchSize, lr, hidden, seed, shuffleSeed, points, classes, noise, dataSeed, printEvery, onnx,
        };
        root.SetAction(parse =>
        {
            var options = new SpiralsOptions(parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(lr), parse.GetValue(hidden),
                parse.GetValue(seed), parse.GetValue(shuffleSeed), parse.GetValue(points), parse.GetValue(classes), parse.GetValue(noise),
                parse.GetValue(dataSeed), parse.GetValue(printEvery));
            string? onnxPath = parse.GetValue(onnx);
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--epochs", options.Epochs, 1),
                OptionChecks.AtLeast("--batch-size", options.BatchSize, 1),
                OptionChecks.AtLeast("--hidden", options.Hidden, 1),
                OptionChecks.AtLeast("--classes", options.Classes, 2),
                OptionChecks.AtLeast("--points-per-class", options.PointsPerClass, 1),
                OptionChecks.AtLeast("--print-every", options.PrintEvery, 1),
                OptionChecks.Finite("--lr", options.Lr),
                OptionChecks.Finite("--noise", options.Noise),
                OptionChecks.Fits("--points-per-class", options.PointsPerClass, ((long)options.PointsPerClass * options.Classes, 2)),
                OptionChecks.Fits("--hidden", options.Hidden, ((long)options.PointsPerClass * options.Classes, options.Hidden), (options.Hidden, options.Hidden), (options.Hidden, options.Classes)),
                OptionChecks.WritableFile("--onnx", onnxPath));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() =>
            {
                var model = SpiralsTraining.Train(options, output);
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
