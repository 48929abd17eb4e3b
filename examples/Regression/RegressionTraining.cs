// Fitting a noisy sine: regression with a small tanh network, mean squared error and Adam.
//
// The data comes from a seeded NumPy generator (NumPyRandomState, bit for bit NumPy's legacy RandomState):
// x uniform in [-π, π), y = sin(x) + noise · N(0, 1). The network maps one number to one number; MSELoss
// compares its output with y. Training is full-batch Adam. At the end the program prints the training MSE, and
// the MSE against the noise-free sine on a grid, which says how well the curve itself was learnt.
using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace Regression;

/// <summary>The settings of one run; the defaults are what <c>dotnet run --project examples/Regression</c> uses.</summary>
/// <param name="Epochs">Full-batch training epochs.</param>
/// <param name="Lr">Adam learning rate.</param>
/// <param name="Hidden">Units in each of the two hidden tanh layers.</param>
/// <param name="Seed">Seed of the generator that draws the initial weights.</param>
/// <param name="Samples">Number of training points.</param>
/// <param name="Noise">Standard deviation of the noise added to sin(x).</param>
/// <param name="DataSeed">Seed of the generator that draws x and the noise.</param>
/// <param name="PrintEvery">Print the loss every this many epochs.</param>
public sealed record RegressionOptions(
    int Epochs = 500, double Lr = 0.01, int Hidden = 16, uint Seed = 0, int Samples = 200, double Noise = 0.1,
    uint DataSeed = 0, int PrintEvery = 50);

/// <summary>The regression example: data, model, training loop.</summary>
public static class RegressionTraining
{
    /// <summary>
    /// The network, 1 -> hidden tanh -> hidden tanh -> 1, with its initial weights drawn (as PyTorch's default
    /// initialisation) from a NumPy generator seeded with <paramref name="seed"/>.
    /// </summary>
    public static Sequential BuildModel(uint seed, int hidden = 16)
    {
        var generator = new NumPyRandomState(seed);
        return new Sequential(
            new Linear(1, hidden, generator: generator),
            new Tanh(),
            new Linear(hidden, hidden, generator: generator),
            new Tanh(),
            new Linear(hidden, 1, generator: generator));
    }

    /// <summary>
    /// The data, as NumPy would draw it: <c>rs = RandomState(dataSeed); x = rs.uniform(-π, π, (samples, 1));
    /// y = np.sin(x) + noise * rs.randn(samples, 1)</c> (up to the last bit of sin).
    /// </summary>
    public static (Tensor X, Tensor Y) MakeData(RegressionOptions options)
    {
        var rng = new NumPyRandomState(options.DataSeed);
        var x = rng.Uniform(-Math.PI, Math.PI, options.Samples, 1);
        var y = Sine(x) + options.Noise * rng.Randn(options.Samples, 1);
        return (x, y);
    }

    /// <summary>Trains the model, printing the loss every <see cref="RegressionOptions.PrintEvery"/> epochs, then the final errors.</summary>
    /// <returns>The trained model.</returns>
    public static Sequential Train(RegressionOptions options, TextWriter output)
    {
        var (x, y) = MakeData(options);
        var model = BuildModel(options.Seed, options.Hidden);
        var lossFunction = new MSELoss();
        var optimizer = new Adam(model.Parameters(), options.Lr);

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            if (epoch % options.PrintEvery == 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {loss.Item():F4}"));
        }

        using (Autograd.NoGrad())
        {
            double trainingMse = lossFunction.Forward(model.Forward(x), y).Item();
            // 101 evenly spaced points on [-π, π], against the sine without noise.
            var grid = Tensor.From([.. Enumerable.Range(0, 101).Select(i => -Math.PI + 2 * Math.PI * i / 100)], 101, 1);
            double curveMse = lossFunction.Forward(model.Forward(grid), Sine(grid)).Item();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Final training MSE: {trainingMse:F4}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MSE against sin(x) on a grid: {curveMse:F4}"));
        }
        return model;
    }

    /// <summary>Elementwise sine (a data helper: the model never needs it, so it is not a Tensor op).</summary>
    private static Tensor Sine(Tensor x) => Tensor.From([.. x.ToArray().Select(Math.Sin)], [.. x.Shape]);
}
