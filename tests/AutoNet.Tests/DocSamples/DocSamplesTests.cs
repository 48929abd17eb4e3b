using global::DocSamples;
using global::DocSamples.GettingStarted;
using global::DocSamples.MoonsFourWays;
using Xunit;

namespace AutoNet.Tests.DocSamples;

/// <summary>Runs the docs' samples (examples/DocSamples) and checks what the pages say about them.</summary>
public class DocSamplesTests
{
    public static TheoryData<string> Ways() => ["hand-written", "raw autograd", "Sequential"];

    /// <summary>docs/moons-four-ways.md: every way gives the seed notebook's epoch-0 gradients.</summary>
    [Theory]
    [MemberData(nameof(Ways))]
    public void EveryWayGivesTheSeedGradients(string way)
    {
        var gradients = way switch
        {
            "hand-written" => HandWritten.EpochZeroGradients(),
            "raw autograd" => RawAutograd.EpochZeroGradients(),
            _ => Declarative.EpochZeroGradients(),
        };

        // The gradients are about 1e-3; measured differences are about 1e-18 (the last bit or two).
        Assert.InRange(GradientTable.MaxDifference(gradients), 0.0, 1e-16);
    }

    /// <summary>The sample outputs the pages include (docs/generated) are what the samples print today.
    /// If this fails after a change, run docs/generate-assets.sh and commit the result.</summary>
    [Fact]
    public void GeneratedDocsAreUpToDate()
    {
        foreach (var (name, text) in GeneratedDocs.All())
        {
            string path = RepositoryFiles.PathOf(Path.Combine("docs", "generated", name));
            Assert.True(File.Exists(path), $"{path} is missing: run docs/generate-assets.sh");
            Assert.True(text == File.ReadAllText(path).ReplaceLineEndings("\n"),
                $"docs/generated/{name} is out of date: run docs/generate-assets.sh. It should read:\n{text}");
        }
    }

    [Fact]
    public void FirstGradientPrintsTheValueAndTheGradient()
    {
        Assert.Equal("tensor(14., grad_fn=<Sum>)\ntensor([2., 4., 6.])\n", GeneratedDocs.All()["first-gradient.txt"]);
    }
}
