using AutoNet.Nn;
using AutoNet.Tests.DocSamples;
using Circles;
using Regression;
using Spirals;
using Xunit;

namespace AutoNet.Tests.Examples;

/// <summary>
/// Runs the examples beside Moons in-process with their default options (what `dotnet run --project examples/NAME`
/// does) and compares what they print with the committed examples/NAME/expected-output.txt, which docs/examples.md
/// shows. If an intended change alters the output, run the example and commit its new output.
/// </summary>
public class ExamplesTests
{
    public static TheoryData<string> Names() => ["Circles", "Spirals", "Regression"];

    [Theory]
    [MemberData(nameof(Names))]
    public void PrintsItsExpectedOutput(string name)
    {
        var output = new StringWriter { NewLine = "\n" };
        switch (name)
        {
            case "Circles": CirclesTraining.Train(new CirclesOptions(), output); break;
            case "Spirals": SpiralsTraining.Train(new SpiralsOptions(), output); break;
            default: RegressionTraining.Train(new RegressionOptions(), output); break;
        }
        string expected = File.ReadAllText(RepositoryFiles.PathOf(Path.Combine("examples", name, "expected-output.txt"))).ReplaceLineEndings("\n");
        Assert.Equal(expected, output.ToString());
    }

    /// <summary>BuildModel(seed) gives the initial weights from the seed alone, so another framework can start from them.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void BuildModelIsAFunctionOfTheSeed(string name)
    {
        Func<uint, Sequential> build = name switch
        {
            "Circles" => seed => CirclesTraining.BuildModel(seed),
            "Spirals" => seed => SpiralsTraining.BuildModel(seed),
            _ => seed => RegressionTraining.BuildModel(seed),
        };
        var first = build(0).StateDict();
        var again = build(0).StateDict();
        var other = build(1).StateDict();
        Assert.Equal(first.Keys, again.Keys);
        foreach (var key in first.Keys)
        {
            Assert.Equal(first[key].ToArray(), again[key].ToArray());
            Assert.NotEqual(first[key].ToArray(), other[key].ToArray());
        }
    }

    [Fact]
    public void TrainingImprovesOnTheFirstEpoch()
    {
        // A check that the printed numbers come from training: the last loss line is far below the first.
        foreach (var name in new[] { "Circles", "Spirals", "Regression" })
        {
            var lines = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("examples", name, "expected-output.txt")));
            var losses = lines.Where(l => l.StartsWith("Epoch ", StringComparison.Ordinal))
                .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(losses[^1] < losses[0] / 4, $"{name}: the loss went from {losses[0]} to {losses[^1]}.");
        }
    }
}
