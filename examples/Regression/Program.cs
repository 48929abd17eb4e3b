// A noisy sine, a two-hidden-layer tanh network, mean squared error, Adam.
// `dotnet run --project examples/Regression -c Release` prints the loss every 50 epochs, then the final training
// MSE and the MSE against the noise-free sine (examples/Regression/expected-output.txt); `... -- --onnx
// regression.onnx` also exports the trained model to ONNX (src/AutoNet.Onnx, docs/onnx.md). The data, the model
// and the training loop are in RegressionTraining.cs.
using System.CommandLine;
using AutoNet.Onnx;
using Regression;

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
    string? error = options.Epochs < 0 ? $"--epochs must be >= 0, got {options.Epochs}."
        : options.Hidden < 1 ? $"--hidden must be >= 1, got {options.Hidden}."
        : options.Samples < 1 ? $"--samples must be >= 1, got {options.Samples}."
        : !(options.Noise >= 0) || double.IsInfinity(options.Noise) ? $"--noise must be a finite number >= 0, got {options.Noise}."
        : options.PrintEvery < 1 ? $"--print-every must be >= 1, got {options.PrintEvery}."
        : null;
    if (error is not null)
    {
        Console.Error.WriteLine(error);
        return 2;
    }
    var model = RegressionTraining.Train(options, Console.Out);
    if (parse.GetValue(onnx) is { } path)
    {
        OnnxExporter.Export(model, path, inputFeatures: 1); // input "input" [N, 1] -> output "output"
        Console.WriteLine($"wrote {path}");
    }
    return 0;
});
return root.Parse(args).Invoke();
