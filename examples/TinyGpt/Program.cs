// A character-level transformer (nanoGPT style) on 8,403 English first names (data/README.md).
//
// Vocabulary '.' + a..z. The names are shuffled by a seeded NumPy-compatible permutation and split 80/10/10; each
// name is one sequence, input '.' + name and target name + '.', padded to 16 positions (padding targets are skipped by
// the loss). Model: token + position embeddings (width 64), 2 pre-LayerNorm blocks of 4-head causal self-attention
// and an MLP (64 → 256 → 64, GELU), final LayerNorm, linear head to 27 logits. AdamW (lr 3e-3, weight decay 0.01),
// 1,500 steps of 32 sequences drawn with RandInt, float32. Prints the training loss every 500 steps, the dev loss
// (mean over the dev set's non-padding positions) and ten names sampled from the model.
// reference/tinygpt_torch.py is the same recipe in PyTorch 1.13 (same split and minibatches).
using System.CommandLine;
using System.Globalization;
using AutoNet.Data;
using AutoNet.Examples;
using TinyGpt;

return TinyGptCommand.Run(args, Console.Out, Console.Error);

/// <summary>The command line of the TinyGpt example; tests run it in-process.</summary>
public static class TinyGptCommand
{
    /// <summary>Parses <paramref name="args"/>, checks every option before training (one line on
    /// <paramref name="error"/> and exit code 2 when one is wrong), trains, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var stepsOption = new Option<int>("--steps") { Description = "Number of AdamW steps.", DefaultValueFactory = _ => 1500 };
        var lrOption = new Option<double>("--lr") { Description = "Learning rate of AdamW.", DefaultValueFactory = _ => 3e-3 };
        var batchOption = new Option<int>("--batch-size") { Description = "Names per minibatch.", DefaultValueFactory = _ => 32 };
        var seedOption = new Option<uint>("--seed") { Description = "Seed of the initial weights (Init.ManualSeed) and of the minibatches and samples.", DefaultValueFactory = _ => 1337 };
        var dataSeedOption = new Option<uint>("--data-seed") { Description = "Seed of the permutation that splits train, dev and test.", DefaultValueFactory = _ => 42 };
        var samplesOption = new Option<int>("--samples") { Description = "Number of names to sample after training.", DefaultValueFactory = _ => 10 };
        var plotsOption = new Option<string?>("--plots") { Description = "Also write attention.png (the attention weights of the longest sampled name) into this directory." };

        var root = new RootCommand("Trains a tiny character-level transformer (2 blocks, 4 heads, width 64) on English first names with AutoNet.")
        {
            stepsOption, lrOption, batchOption, seedOption, dataSeedOption, samplesOption, plotsOption,
        };
        root.SetAction(parse =>
        {
            int steps = parse.GetValue(stepsOption), batch = parse.GetValue(batchOption), samples = parse.GetValue(samplesOption);
            double lr = parse.GetValue(lrOption);
            string? plots = parse.GetValue(plotsOption);
            string? problem = OptionChecks.First(
                OptionChecks.AtLeast("--steps", steps, 0),
                OptionChecks.AtLeast("--batch-size", batch, 1),
                OptionChecks.AtLeast("--samples", samples, 0),
                OptionChecks.Finite("--lr", lr),
                OptionChecks.WritableDirectory("--plots", plots));
            if (problem is not null) return OptionChecks.Refuse(problem, error);
            return OptionChecks.Guarded(() => Train(steps, lr, batch, parse.GetValue(seedOption), parse.GetValue(dataSeedOption), samples, plots, output), error);
        });
        return OptionChecks.Invoke(root, args, output, error);
    }

    private static int Train(int steps, double lr, int batchSize, uint seed, uint dataSeed, int samples, string? plots, TextWriter output)
    {
        var names = TinyGptTraining.LoadNames(Path.Combine(AppContext.BaseDirectory, "data", "names.txt"));
        var (train, dev, _) = TinyGptTraining.Split(names, dataSeed);

        var model = TinyGptTraining.BuildModel(seed);
        var optimizer = TinyGptTraining.Optimizer(model, lr);
        var rng = new NumPyRandomState(seed); // the minibatches, then the samples
        for (int step = 0; step < steps; step++)
        {
            var (x, y) = train.Rows(TinyGptTraining.NextRows(rng, train.Count, batchSize));
            double loss = TinyGptTraining.Step(model, optimizer, x, y);
            if (step % 500 == 0 || step == steps - 1)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step,4}: train loss {loss:F4}"));
        }

        model.Eval();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dev loss: {TinyGptTraining.Evaluate(model, dev):F4}"));
        var sampled = new List<string>();
        for (int i = 0; i < samples; i++)
        {
            sampled.Add(TinyGptTraining.Sample(model, rng));
            output.WriteLine(sampled[^1]);
        }
        if (plots is not null)
            output.WriteLine($"wrote {AttentionPlot.Write(plots, model, sampled.OrderByDescending(n => n.Length).FirstOrDefault() ?? "emma")}");
        return 0;
    }
}
