// Three interleaved spirals: multiclass classification with softmax cross-entropy, minibatches and Adam.
//
// The data is the CS231n spiral set (Datasets.MakeSpirals): one arm of points per class, rows class by class. A
// network of two ReLU layers gives one logit per class; CrossEntropyLoss takes the logits and the class indices
// (int[]) and applies log-softmax inside. A shuffling DataLoader, seeded so that every run sees the same batches,
// cuts each epoch into minibatches, and Adam takes one step per batch.
using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace Spirals;

/// <summary>The settings of one run; the defaults are what <c>dotnet run --project examples/Spirals</c> uses.</summary>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="BatchSize">Points per minibatch.</param>
/// <param name="Lr">Adam learning rate.</param>
/// <param name="Hidden">Units in each of the two hidden ReLU layers.</param>
/// <param name="Seed">Seed of the generator that draws the initial weights.</param>
/// <param name="ShuffleSeed">Seed of the generator that shuffles the data each epoch.</param>
/// <param name="PointsPerClass">Points on each arm.</param>
/// <param name="Classes">Number of arms (classes).</param>
/// <param name="Noise">Standard deviation of the angle noise.</param>
/// <param name="DataSeed">Seed of the generator that draws the noise.</param>
/// <param name="PrintEvery">Print the mean loss every this many epochs.</param>
public sealed record SpiralsOptions(
    int Epochs = 100, int BatchSize = 32, double Lr = 0.01, int Hidden = 32, uint Seed = 0, uint ShuffleSeed = 1,
    int PointsPerClass = 100, int Classes = 3, double Noise = 0.2, uint DataSeed = 0, int PrintEvery = 10);

/// <summary>The spirals example: data, model, training loop.</summary>
public static class SpiralsTraining
{
    /// <summary>
    /// The network, 2 -> hidden ReLU -> hidden ReLU -> classes logits, with its initial weights drawn (as
    /// PyTorch's default initialisation) from a NumPy generator seeded with <paramref name="seed"/>.
    /// </summary>
    public static Sequential BuildModel(uint seed, int hidden = 32, int classes = 3)
    {
        var generator = new NumPyRandomState(seed);
        return new Sequential(
            new Linear(2, hidden, generator: generator),
            new ReLU(),
            new Linear(hidden, hidden, generator: generator),
            new ReLU(),
            new Linear(hidden, classes, generator: generator));
    }

    /// <summary>The data: X [points, 2] and y [points] holding the class index of each point (as float64).</summary>
    public static (Tensor X, Tensor Y) MakeData(SpiralsOptions options) =>
        Datasets.MakeSpirals(options.PointsPerClass, options.Classes, options.Noise, randomState: options.DataSeed);

    /// <summary>Trains the model, printing the mean minibatch loss every <see cref="SpiralsOptions.PrintEvery"/> epochs, then the accuracy.</summary>
    /// <returns>The trained model.</returns>
    public static Sequential Train(SpiralsOptions options, TextWriter output)
    {
        var (x, y) = MakeData(options);
        var loader = new DataLoader(new TensorDataset(x, y), options.BatchSize, shuffle: true, generator: new NumPyRandomState(options.ShuffleSeed));
        var model = BuildModel(options.Seed, options.Hidden, options.Classes);
        var lossFunction = new CrossEntropyLoss();
        var optimizer = new Adam(model.Parameters(), options.Lr);

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            double lossSum = 0;
            int batches = 0;
            foreach (var batch in loader)                       // batch[0]: points [B, 2], batch[1]: labels [B]
            {
                var loss = lossFunction.Forward(model.Forward(batch[0]), ClassIndices(batch[1]));
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                lossSum += loss.Item();
                batches++;
            }
            if (epoch % options.PrintEvery == 0 || epoch == options.Epochs - 1)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {lossSum / batches:F4}"));
        }

        // The predicted class is the one with the largest logit.
        using (Autograd.NoGrad())
        {
            var logits = model.Forward(x).ToArray();
            int[] truth = ClassIndices(y);
            int correct = 0;
            for (int i = 0; i < truth.Length; i++)
            {
                int best = 0;
                for (int c = 1; c < options.Classes; c++)
                    if (logits[i * options.Classes + c] > logits[i * options.Classes + best]) best = c;
                correct += best == truth[i] ? 1 : 0;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training accuracy: {(double)correct / truth.Length}"));
        }
        return model;
    }

    /// <summary>The labels as the int[] class indices CrossEntropyLoss takes.</summary>
    private static int[] ClassIndices(Tensor labels) => [.. labels.ToArray().Select(v => (int)v)];
}
