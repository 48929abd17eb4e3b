// A character-level language model on 8,403 English first names (data/README.md): the MLP of Bengio et al. (2003)
// as in Karpathy's makemore part 2. The names are shuffled with a seeded NumPy permutation and split 80/10/10; each
// character is predicted from the 3 before it: embedding table C [27, 10] looked up with C[X], hidden 200 tanh,
// 27 logits, cross-entropy, SGD on minibatches of 32 for 20,000 steps (lr 0.1, 0.01 from step 15,000), in float32.
// Prints the dev loss of the count-based bigram model (+1 smoothing) as a baseline, the MLP's loss on all of train
// and dev, and ten sampled names. reference/names_torch.py trains the same recipe in PyTorch 1.13 from the same
// weights on the same minibatches. The data, model and loop are in NamesData.cs, NamesMlp.cs, NamesTraining.cs.
using System.CommandLine;
using AutoNet.Examples;
using NamesExample;

return NamesCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of the names example; tests run it in-process.</summary>
public static class NamesCommand
{
    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var defaults = new NamesOptions();
        var steps = new Option<int>("--steps") { Description = "Number of SGD steps (one minibatch each); the learning rate drops to a tenth at 3/4 of them.", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch-size") { Description = "Examples per minibatch (drawn with replacement).", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Learning rate of SGD before the drop.", DefaultValueFactory = _ => defaults.Lr };
        var embed = new Option<int>("--embed") { Description = "Numbers per character in the embedding table C.", DefaultValueFactory = _ => defaults.Embed };
        var hidden = new Option<int>("--hidden") { Description = "Number of hidden tanh units.", DefaultValueFactory = _ => defaults.Hidden };
        var seed = new Option<uint>("--seed") { Description = "Seed of the generator that draws C, the Linear layers and the minibatches (the sampler uses seed + 10).", DefaultValueFactory = _ => defaults.Seed };
        var dataSeed = new Option<uint>("--data-seed") { Description = "Seed of the permutation that shuffles the names before the 80/10/10 split.", DefaultValueFactory = _ => defaults.DataSeed };
        var samples = new Option<int>("--samples") { Description = "Number of names to sample after training.", DefaultValueFactory = _ => defaults.Samples };
        var plots = new Option<string?>("--plots") { Description = "Also write embedding-gradient.png (how the gradient of C[X] reaches the rows of C) into this directory." };

        var root = new RootCommand("Trains a character-level MLP language model (Bengio et al. 2003) on English first names with AutoNet.")
        {
            steps, batch, lr, embed, hidden, seed, dataSeed, samples, plots,
        };
        root.SetAction(parse =>
        {
            var options = new NamesOptions(parse.GetValue(steps), parse.GetValue(batch), parse.GetValue(lr), parse.GetValue(embed),
                parse.GetValue(hidden), parse.GetValue(seed), parse.GetValue(dataSeed), parse.GetValue(samples));
            string? plotsDirectory = parse.GetValue(plots);
            const long AllExamples = 60_000; // a little more than the examples of all names (train is evaluated at once)
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--steps", options.Steps, 0),
                OptionChecks.AtLeast("--batch-size", options.BatchSize, 1),
                OptionChecks.AtLeast("--embed", options.Embed, 1),
                OptionChecks.AtLeast("--hidden", options.Hidden, 1),
                OptionChecks.AtLeast("--samples", options.Samples, 0),
                OptionChecks.Finite("--lr", options.Lr),
                OptionChecks.Fits("--embed", options.Embed, (AllExamples, 3L * options.Embed), (NamesData.Vocabulary.Length, options.Embed)),
                OptionChecks.Fits("--hidden", options.Hidden, (AllExamples, options.Hidden), (options.Hidden, 3L * options.Embed)),
                OptionChecks.Fits("--batch-size", options.BatchSize, (options.BatchSize, 3L * options.Embed), (options.BatchSize, options.Hidden)),
                OptionChecks.WritableDirectory("--plots", plotsDirectory));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() =>
            {
                NamesTraining.Train(options, output);
                if (plotsDirectory is not null)
                    output.WriteLine($"wrote {EmbeddingGradientPicture.Write(plotsDirectory, options)}");
                return 0;
            }, error);
        });
        return OptionChecks.Invoke(root, args, output, error);
    }
}
