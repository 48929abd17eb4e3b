using DocSamples.ComingFromPyTorch;
using DocSamples.ConvGradient;
using DocSamples.GettingStarted;
using DocSamples.Learn;
using DocSamples.MoonsFourWays;
using DocSamples.Pictures;
using DocSamples.WriteYourOwnOp;

namespace DocSamples;

/// <summary>
/// Every sample output the docs pages include (with pymdownx.snippets), by file name. docs/generate-assets.sh
/// writes them to docs/generated; tests/AutoNet.Tests/DocSamples checks the committed files still match.
/// </summary>
public static class GeneratedDocs
{
    public static IReadOnlyDictionary<string, string> All()
    {
        string tiny = Capture(TinyPictures.Run);
        int traceStart = tiny.IndexOf("backward from", StringComparison.Ordinal);
        return new Dictionary<string, string>
        {
            ["first-gradient.txt"] = Capture(_ => FirstGradient.Run()),
            ["first-model.txt"] = Capture(_ => FirstModel.Run()),
            ["moons-grads.txt"] = GradientTable.Markdown(),
            ["moons-graph.mmd"] = MoonsPictures.Mermaid(),
            ["moons-graph.dot"] = MoonsPictures.Dot(),
            ["moons-trace.txt"] = Capture(MoonsPictures.Trace),
            ["softplus.txt"] = Capture(_ => UseSoftplus.Run()),
            ["tiny-graph.mmd"] = tiny[..traceStart].TrimEnd('\n') + "\n",
            ["tiny-trace.txt"] = tiny[traceStart..],
            // docs/learn-autograd.md and docs/jacobians.md (the .dot files are drawn to docs/assets/*.svg)
            ["learn-slope.txt"] = Capture(Slope.Run),
            ["learn-chain-rule.txt"] = Capture(ChainRuleRun.Run),
            ["learn-graph.dot"] = ChainRuleRun.Dot(gradients: false),
            ["learn-graph-grads.dot"] = ChainRuleRun.Dot(gradients: true),
            ["learn-jacobians.txt"] = Capture(Jacobians.Run),
            ["learn-hvp.txt"] = Capture(HessianVector.Run),
            ["train-loop.txt"] = Capture(TrainLoop.Run),   // docs/coming-from-pytorch.md
            ["conv-gradient.txt"] = Capture(ConvGradientExample.Run),   // docs/example-digits.md
        };
    }

    public static void WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in All())
        {
            File.WriteAllText(Path.Combine(directory, name), text);
            Console.WriteLine($"wrote {Path.Combine(directory, name)}");
        }
    }

    /// <summary>What <paramref name="run"/> writes, to a writer or to Console.Out, with \n line ends.</summary>
    private static string Capture(Action<TextWriter> run)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = Console.Out;
        Console.SetOut(writer);
        try
        {
            run(writer);
        }
        finally
        {
            Console.SetOut(console);
        }
        return writer.ToString();
    }
}
