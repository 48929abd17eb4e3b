// Two concentric circles: a tanh network learns a round decision boundary.
//
// The data is scikit-learn's make_circles(nSamples, noise, factor, random_state), reproduced bit for bit: points on
// an outer circle (label 0) and an inner one (label 1). No straight line separates them, so the network needs a
// hidden layer. The output layer gives one logit per point, and BCEWithLogitsLoss applies the sigmoid inside the
// loss (more stable than Sigmoid followed by BCELoss). Training is full-batch SGD with momentum.
using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace Circles;

/// <summary>The settings of one run; the defaults are what <c>dotnet run --project examples/Circles</c> uses.</summary>
/// <param name="Epochs">Full-batch training epochs.</param>
/// <param name="Lr">SGD learning rate.</param>
/// <param name="Momentum">SGD momentum.</param>
/// <param name="Hidden">Hidden tanh units.</param>
/// <param name="Seed">Seed of the generator that draws the initial weights.</param>
/// <param name="Samples">Number of points (half on each circle).</param>
/// <param name="Noise">Standard deviation of the noise added to the points.</param>
/// <param name="DataSeed">random_state of make_circles.</param>
/// <param name="PrintEvery">Print the loss every this many epochs.</param>
public sealed record CirclesOptions(
    int Epochs = 500, double Lr = 0.1, double Momentum = 0.9, int Hidden = 8, uint Seed = 0,
    int Samples = 300, double Noise = 0.1, uint DataSeed = 0, int PrintEvery = 50);

/// <summary>The circles example: data, model, training loop.</summary>
public static class CirclesTraining
{
    /// <summary>
    /// The network, 2 -> hidden tanh -> 1 logit, with its initial weights drawn (as PyTorch's default
    /// initialisation, uniform in ±1/√fan_in) from a NumPy generator seeded with <paramref name="seed"/>: the same
    /// seed gives the same weights, so a test can copy them into another framework.
    /// </summary>
    public static Sequential BuildModel(uint seed, int hidden = 8)
    {
        var generator = new NumPyRandomState(seed);
        return new Sequential(
            new Linear(2, hidden, generator: generator),
            new Tanh(),
            new Linear(hidden, 1, generator: generator));
    }

    /// <summary>The data: X [samples, 2] and y [samples, 1] of 0/1 labels.</summary>
    public static (Tensor X, Tensor Y) MakeData(CirclesOptions options)
    {
        var (x, labels) = Datasets.MakeCircles(options.Samples, noise: options.Noise, randomState: options.DataSeed, factor: 0.5);
        return (x, labels.Reshape(-1, 1));
    }

    /// <summary>Trains the model, printing the loss every <see cref="CirclesOptions.PrintEvery"/> epochs, then the accuracy.</summary>
    /// <returns>The trained model.</returns>
    public static Sequential Train(CirclesOptions options, TextWriter output)
    {
        var (x, y) = MakeData(options);
        var model = BuildModel(options.Seed, options.Hidden);
        var lossFunction = new BCEWithLogitsLoss();
        var optimizer = new SGD(model.Parameters(), options.Lr, momentum: options.Momentum);

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            if (epoch % options.PrintEvery == 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {loss.Item():F4}"));
        }

        // A logit above 0 means a probability above 0.5: class 1.
        using (Autograd.NoGrad())
        {
            var logits = model.Forward(x).ToArray();
            var labels = y.ToArray();
            int correct = 0;
            for (int i = 0; i < labels.Length; i++) correct += (logits[i] > 0 ? 1.0 : 0.0) == labels[i] ? 1 : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training accuracy: {(double)correct / labels.Length}"));
        }
        return model;
    }
}
