// Training and sampling for examples/Names: the recipe of makemore part 2 with NumPy-compatible random draws, so
// reference/names_torch.py (PyTorch 1.13) trains from the same weights on the same minibatches.
using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace NamesExample;

/// <summary>The settings of one run; the defaults are what <c>dotnet run --project examples/Names</c> uses.</summary>
/// <param name="Steps">SGD steps, one minibatch each.</param>
/// <param name="BatchSize">Examples per minibatch, drawn with replacement.</param>
/// <param name="Lr">Learning rate; a tenth of it from step 3/4 · Steps on.</param>
/// <param name="Embed">Numbers per character in the embedding table C.</param>
/// <param name="Hidden">Hidden tanh units.</param>
/// <param name="Seed">Seed of the generator that draws C, the Linear layers and then the minibatches; the sampler
/// uses Seed + 10 (mod 2³²).</param>
/// <param name="DataSeed">Seed of the permutation that shuffles the names before the split.</param>
/// <param name="Samples">Names sampled at the end.</param>
public sealed record NamesOptions(
    int Steps = 20000, int BatchSize = 32, double Lr = 0.1, int Embed = 10, int Hidden = 200,
    uint Seed = 2147483647, uint DataSeed = 42, int Samples = 10)
{
    /// <summary>The first step trained at Lr / 10.</summary>
    public int DecayStep => (int)(Steps * 3L / 4);

    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public double LearningRate(int step) => step < DecayStep ? Lr : Lr / 10;
}

/// <summary>The names example: data, model, training loop, sampling.</summary>
public static class NamesTraining
{
    /// <summary>Draws <paramref name="batchSize"/> training rows with <c>randint(0, N, batchSize)</c>.</summary>
    public static (Tensor X, Tensor Y) Minibatch(NumPyRandomState generator, Tensor x, Tensor y, int batchSize)
    {
        var rows = generator.RandInt(0, x.Shape[0], batchSize);
        return (x[rows], y[rows]);
    }

    /// <summary>
    /// Prints the bigram model's dev loss, trains the MLP in float32, prints its loss on all of train and dev and
    /// <see cref="NamesOptions.Samples"/> sampled names.
    /// </summary>
    /// <returns>The trained model.</returns>
    public static NamesMlp Train(NamesOptions options, TextWriter output)
    {
        var (trainWords, devWords, _) = NamesData.Split(NamesData.LoadWords(), options.DataSeed);
        output.WriteLine(Invariant($"Bigram dev loss: {NamesData.BigramLoss(trainWords, devWords):F4}"));
        var (xTrain, yTrain) = NamesData.Build(trainWords);
        var (xDev, yDev) = NamesData.Build(devWords);

        var generator = new NumPyRandomState(options.Seed);
        var model = new NamesMlp(generator, options.Embed, options.Hidden);
        var optimizer = new SGD(model.Parameters(), options.Lr);
        for (int step = 0; step < options.Steps; step++)
        {
            var (x, y) = Minibatch(generator, xTrain, yTrain, options.BatchSize);
            var loss = F.CrossEntropy(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.LearningRate = options.LearningRate(step);
            optimizer.Step();
        }

        using (Autograd.NoGrad())
        {
            output.WriteLine(Invariant($"Train loss: {F.CrossEntropy(model.Forward(xTrain), yTrain).Item():F4}"));
            output.WriteLine(Invariant($"Dev loss: {F.CrossEntropy(model.Forward(xDev), yDev).Item():F4}"));
            var sampler = new NumPyRandomState(unchecked(options.Seed + 10));
            for (int i = 0; i < options.Samples; i++) output.WriteLine(Sample(model, sampler));
        }
        return model;
    }

    /// <summary>
    /// One name: from the context "...", draw the next character with <c>choice(27, p=softmax(logits))</c> (the
    /// float32 logits' softmax taken in float64) until the end mark '.'.
    /// </summary>
    public static string Sample(NamesMlp model, NumPyRandomState generator)
    {
        var name = new System.Text.StringBuilder();
        var context = new long[NamesData.BlockSize];
        using (Autograd.NoGrad())
        {
            while (true)
            {
                var logits = model.Forward(Tensor.From(context, 1, NamesData.BlockSize));
                var probs = logits.To(DType.Float64).Softmax(1).Reshape(-1);
                int ix = (int)generator.Choice(NamesData.Vocabulary.Length, 1, p: probs).ItemInt64();
                Array.Copy(context, 1, context, 0, context.Length - 1);
                context[^1] = ix;
                if (ix == 0) return name.ToString();
                name.Append(NamesData.Vocabulary[ix]);
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
