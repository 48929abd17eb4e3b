// Runs the samples shown on the docs site. `dotnet run --project examples/DocSamples -c Release -- help` lists them.
using System.Globalization;
using AutoNet.Examples;
using DocSamples;
using DocSamples.ComingFromPyTorch;
using DocSamples.ConvGradient;
using DocSamples.GettingStarted;
using DocSamples.Learn;
using DocSamples.MoonsFourWays;
using DocSamples.Pictures;
using DocSamples.Reliability;
using DocSamples.WriteYourOwnOp;

var commands = new Dictionary<string, (string Help, Action<string[]> Run)>
{
    ["first-gradient"] = ("Getting started: a tensor, an op, a gradient.", _ => FirstGradient.Run()),
    ["first-model"] = ("Getting started: a model that learns the two moons.", _ => FirstModel.Run()),
    ["moons-grads"] = ("The moons network's epoch-0 gradients, computed three ways in AutoNet, beside the seed's.", _ => Console.Write(GradientTable.Markdown())),
    ["moons-graph"] = ("The moons network's graph as Mermaid.", _ => Console.Write(MoonsPictures.Mermaid())),
    ["moons-dot"] = ("The moons network's graph as Graphviz DOT.", _ => Console.Write(MoonsPictures.Dot())),
    ["moons-trace"] = ("The moons network's first backward pass, step by step.", _ => MoonsPictures.Trace(Console.Out)),
    ["tiny-pictures"] = ("A tiny graph as Mermaid, then its backward trace.", _ => TinyPictures.Run(Console.Out)),
    ["learn-slope"] = ("Learn autograd: a derivative measured as a slope, then by autograd.", _ => Slope.Run(Console.Out)),
    ["learn-chain-rule"] = ("Learn autograd: L = (a*b + 10) * a*b measured, then traced backward.", _ => ChainRuleRun.Run(Console.Out)),
    ["learn-graph"] = ("Learn autograd: that graph in DOT, with every node's gradient.", _ => Console.Write(ChainRuleRun.Dot(gradients: true))),
    ["learn-jacobians"] = ("Learn autograd: vector-Jacobian products and a Jacobian row by row.", _ => Jacobians.Run(Console.Out)),
    ["learn-hvp"] = ("Learn autograd: a Hessian-vector product with createGraph.", _ => HessianVector.Run(Console.Out)),
    ["train-loop"] = ("Coming from PyTorch: a three-class training loop.", _ => TrainLoop.Run(Console.Out)),
    ["conv-gradient"] = ("The Digits page: the gradient through a 2 x 2 convolution and a max-pool, by hand and by autograd.", _ => ConvGradientExample.Run(Console.Out)),
    ["conv-gradient-svg"] = ("The Digits page's picture of those numbers, as SVG (docs/assets/conv-gradient.svg).", _ => Console.Write(ConvGradientPicture.Svg())),
    ["softplus"] = ("Write your own op: softplus as an Autograd.Function.", _ => UseSoftplus.Run()),
    ["reliability"] = ("reliability [EPOCHS]: deep-graph backward times and memory over a long moons run (default 100000 epochs).", a => Measurements.Run(a.Length > 1 ? int.Parse(a[1], CultureInfo.InvariantCulture) : 100_000)),
    ["write-docs"] = ("write-docs DIR: writes every output the docs include into DIR (docs/generated).", a => GeneratedDocs.WriteAll(a.Length > 1 ? a[1] : "docs/generated")),
};

if (DocSamplesOptions.Check(args) is { } problem) return OptionChecks.Refuse(problem, Console.Error);
if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    if (args.Length > 0 && args[0] != "help") Console.Error.WriteLine($"Unknown sample '{args[0]}'.");
    Console.WriteLine("Usage: dotnet run --project examples/DocSamples -c Release -- <sample>\n");
    foreach (var (name, (help, _)) in commands) Console.WriteLine($"  {name,-15} {help}");
    return args.Length == 0 || args[0] == "help" ? 0 : 2;
}
command.Run(args);
return 0;

/// <summary>The checks of the samples' arguments, made before any sample runs; tests call them.</summary>
public static class DocSamplesOptions
{
    /// <summary>The one-line problem with <paramref name="args"/>, or null when they are fine.</summary>
    public static string? Check(string[] args) => args.Length < 2 ? null : args[0] switch
    {
        "reliability" when !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int epochs) || epochs < 1 =>
            $"reliability: EPOCHS must be a whole number >= 1, got '{args[1]}'.",
        "write-docs" => OptionChecks.WritableDirectory("write-docs DIR", args[1]),
        _ => null,
    };
}
