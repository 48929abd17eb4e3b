// A small convolutional network on the 8 × 8 handwritten digits (scikit-learn's load_digits, data/README.md).
//
// Pixels are scaled to [0, 1] (/ 16); a seeded permutation splits the 1,797 images into 1,347 for training and 450
// for testing. The network: conv 8 @ 3×3 pad 1 → ReLU → max-pool 2 → conv 16 @ 3×3 pad 1 → ReLU → max-pool 2 →
// flatten (64 features) → linear 64 → 10, trained with cross-entropy and Adam (lr 1e-2) on minibatches of 64 for 15 epochs, in
// float32 as PyTorch trains by default. Prints the mean training loss of each epoch, the test accuracy and the
// confusion matrix (rows: true digit, columns: predicted).
using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using AutoNet;
using AutoNet.Data;
using AutoNet.Examples;
using AutoNet.Nn;
using AutoNet.Onnx;
using AutoNet.Optim;

return DigitsCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of the digits example; tests run it in-process.</summary>
public static class DigitsCommand
{
    private const int Pixels = 64, Classes = 10, TrainCount = 1347;

    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var epochsOption = new Option<int>("--epochs") { Description = "Number of passes over the training images.", DefaultValueFactory = _ => 15 };
        var lrOption = new Option<double>("--lr") { Description = "Learning rate of Adam.", DefaultValueFactory = _ => 1e-2 };
        var batchOption = new Option<int>("--batch-size") { Description = "Images per minibatch.", DefaultValueFactory = _ => 64 };
        var seedOption = new Option<uint>("--seed") { Description = "Seed of the initial weights (Init.ManualSeed) and of the minibatch order.", DefaultValueFactory = _ => 2 };
        var dataSeedOption = new Option<uint>("--data-seed") { Description = "Seed of the permutation that splits train and test.", DefaultValueFactory = _ => 42 };
        var onnxOption = new Option<string?>("--onnx") { Description = "Also export the trained model to this ONNX file (float32, input [N, 1, 8, 8], batch size free)." };
        var plotsOption = new Option<string?>("--plots") { Description = "Also write loss-curve.png and test-digits.png (test digits with their predictions) into this directory." };

        var root = new RootCommand("Trains a small CNN (conv 8 → pool → conv 16 → pool → linear) on the 8 × 8 handwritten digits with AutoNet.")
        {
            epochsOption, lrOption, batchOption, seedOption, dataSeedOption, plotsOption, onnxOption,
        };
        root.SetAction(parse =>
        {
            int epochs = parse.GetValue(epochsOption), batch = parse.GetValue(batchOption);
            double lr = parse.GetValue(lrOption);
            string? plots = parse.GetValue(plotsOption), onnx = parse.GetValue(onnxOption);
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--epochs", epochs, 0),
                OptionChecks.AtLeast("--batch-size", batch, 1),
                OptionChecks.Finite("--lr", lr),
                OptionChecks.WritableDirectory("--plots", plots),
                OptionChecks.WritableFile("--onnx", onnx));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() => Train(epochs, lr, batch, parse.GetValue(seedOption), parse.GetValue(dataSeedOption), plots, onnx, output), error);
        });
        return OptionChecks.Invoke(root, args, output, error);
    }

    /// <summary>The data set beside the program (data/digits.csv.gz, copied to the output directory).</summary>
    public static string DataPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>The CNN of the example, its parameters in float32 drawn from the default generator.</summary>
    public static Sequential Model() => new(
        new Conv2d(1, 8, 3, padding: 1, dtype: DType.Float32), new ReLU(), new MaxPool2d(2),
        new Conv2d(8, 16, 3, padding: 1, dtype: DType.Float32), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(16 * 2 * 2, Classes, dtype: DType.Float32)); // 16 channels × 2 × 2 = 64 features → 10

    private static int Train(int epochs, double lr, int batchSize, uint seed, uint dataSeed, string? plotsDirectory, string? onnxPath, TextWriter output)
    {
        var (pixels, labels) = Load(DataPath);
        var order = new NumPyRandomState(dataSeed).Permutation(labels.Length);
        int[] train = order[..TrainCount], test = order[TrainCount..];

        Init.ManualSeed(seed);
        var model = Model();
        var optimizer = new Adam(model.Parameters(), lr);
        var shuffle = new NumPyRandomState(seed);
        var losses = new List<double>(epochs);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            model.Train();
            var epochOrder = shuffle.Permutation(train.Length);
            double total = 0;
            for (int start = 0; start < train.Length; start += batchSize)
            {
                var rows = epochOrder[start..Math.Min(start + batchSize, train.Length)].Select(i => train[i]).ToArray();
                var (x, y) = Batch(pixels, labels, rows);
                var loss = F.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                total += loss.Item() * rows.Length;
            }
            losses.Add(total / train.Length);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch,2}, Loss: {losses[^1]:F4}"));
        }

        model.Eval();
        var confusion = new int[Classes, Classes];
        var predictions = new int[test.Length];
        int correct = 0;
        using (Autograd.NoGrad())
        {
            var (x, y) = Batch(pixels, labels, test);
            var logits = model.Forward(x).To(DType.Float64).ToArray();
            for (int i = 0; i < test.Length; i++)
            {
                int predicted = 0;
                for (int c = 1; c < Classes; c++) if (logits[i * Classes + c] > logits[i * Classes + predicted]) predicted = c;
                confusion[y[i], predicted]++;
                predictions[i] = predicted;
                correct += predicted == y[i] ? 1 : 0;
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy: {(double)correct / test.Length:F4}"));
        output.WriteLine("Confusion matrix (rows: true digit, columns: predicted):");
        output.WriteLine("     " + string.Concat(Enumerable.Range(0, Classes).Select(c => $"{c,4}")));
        for (int t = 0; t < Classes; t++)
            output.WriteLine($"  {t}: " + string.Concat(Enumerable.Range(0, Classes).Select(p => $"{confusion[t, p],4}")));
        if (plotsDirectory is not null)
        {
            var testPixels = test.SelectMany(i => pixels.AsSpan(i * Pixels, Pixels).ToArray()).ToArray();
            var truth = test.Select(i => labels[i]).ToArray();
            foreach (var file in DigitsPlots.Write(plotsDirectory, losses, testPixels, truth, predictions)) output.WriteLine($"wrote {file}");
        }
        if (onnxPath is not null)
        {
            OnnxExporter.Export(model, onnxPath, [1, 8, 8]); // input "input" [N, 1, 8, 8] -> output "output" [N, 10] logits
            output.WriteLine($"wrote {onnxPath}");
        }
        return 0;
    }

    /// <summary>The images <paramref name="rows"/> as [N, 1, 8, 8] float32 in [0, 1] and their labels.</summary>
    public static (Tensor X, int[] Y) Batch(float[] pixels, int[] labels, int[] rows)
    {
        var x = new float[rows.Length * Pixels];
        for (int r = 0; r < rows.Length; r++) pixels.AsSpan(rows[r] * Pixels, Pixels).CopyTo(x.AsSpan(r * Pixels));
        return (Tensor.From(x, rows.Length, 1, 8, 8), rows.Select(i => labels[i]).ToArray());
    }

    /// <summary>Reads the gzip'd CSV: 64 pixel values 0..16 then the label per line; pixels are divided by 16.</summary>
    public static (float[] Pixels, int[] Labels) Load(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var pixels = new List<float>();
        var labels = new List<int>();
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != Pixels + 1) throw new InvalidDataException($"{path}: expected {Pixels + 1} values per line, got {fields.Length}.");
            for (int i = 0; i < Pixels; i++) pixels.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / 16f);
            labels.Add((int)float.Parse(fields[Pixels], CultureInfo.InvariantCulture));
        }
        return ([.. pixels], [.. labels]);
    }
}
