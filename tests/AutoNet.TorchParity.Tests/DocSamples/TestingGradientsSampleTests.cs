using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.TorchSharp;
using DocSamples.WriteYourOwnOp;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.TorchParity.Tests.DocSamples;

/// <summary>
/// The code of docs/testing-gradients.md, compiled and run. Each sample sits between <c>// sample: NAME</c> and
/// <c>// end sample</c>; <see cref="The_page_shows_exactly_these_samples"/> checks that the page's code blocks are
/// these lines, so the page cannot drift from code that compiles and passes.
/// </summary>
public class TestingGradientsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Check_your_own_function()
    {
        // sample: function
        // softplus(x) = log(1 + e^x), written with AutoNet ops, against libtorch's softplus.
        var x = Tensor.From([-3.0, -1.0, -0.25, 0.0, 0.5, 2.0, 3.0]);

        var result = Parity.Check(
            t => (1.0 + t.Exp()).Log(),            // AutoNet
            t => torch.nn.functional.softplus(t),  // PyTorch (libtorch, through TorchSharp)
            x);

        Assert.True(result.Passed, result.ToString());
        // end sample
        output.WriteLine(result.ToString());
    }

    [Fact]
    public void Check_your_own_model()
    {
        // sample: model
        var model = new Sequential(new Linear(2, 8), new Tanh(), new Linear(8, 1), new Sigmoid());
        var batch = new NumPyRandomState(0).Randn(16, 2);

        var result = Parity.CheckModule(model, batch); // exports the model to TorchSharp with the same weights

        Assert.True(result.Passed, result.ToString());
        // end sample
        output.WriteLine(result.ToString());
    }

    [Fact]
    public void A_failure_names_the_tensor_the_element_and_both_values()
    {
        // sample: failure
        // Above x = 20, PyTorch's softplus returns x itself (its threshold), so its gradient there is exactly 1.
        var x = Tensor.From([0.5, 25.0]);

        var result = Parity.Check(t => (1.0 + t.Exp()).Log(), t => torch.nn.functional.softplus(t), x);
        Console.WriteLine(result);
        // end sample
        output.WriteLine(result.ToString());

        // The page shows this very output.
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "testing-gradients.md"));
        Assert.True(CodeBlocks(page, "text").Contains(result.ToString().Replace("\r", "")),
            $"docs/testing-gradients.md should show, in a text block, the output of this sample; it is now:\n{result}");
        Assert.False(result.Passed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("gradient of input 0", failure.Name);
        Assert.Equal([1], failure.Worst!.Index);
        // Both are g·(derivative) for the random output gradient g: PyTorch's derivative is 1, AutoNet's is
        // sigmoid(25) = 1 - 1.4e-11.
        Assert.InRange(failure.Worst.AutoNetValue / failure.Worst.TorchValue, 1 - 2e-11, 1 - 1e-11);
    }

    [Fact]
    public void Three_references_in_one_call()
    {
        // sample: three-way
        // The softplus op of "Write your own op", checked against finite differences of its own forward, against
        // PyTorch, and against the derivative worked out by hand: d/dx softplus(x) = sigmoid(x).
        var x = Tensor.From([-3.0, -1.0, -0.25, 0.0, 0.5, 2.0, 3.0]);

        var result = GradientCheck.ThreeWay("SoftplusFunction",
            t => new SoftplusFunction().Apply(t),      // AutoNet: the op under test
            t => torch.nn.functional.softplus(t),      // PyTorch
            x,
            handWritten: (t, g) => g * t.Sigmoid());   // by hand: g · σ(x)

        Assert.True(result.Passed, result.ToString());
        // end sample
        output.WriteLine(result.ToString());
        Assert.Equal(["finite differences", "PyTorch", "hand-written"], result.Inputs[0].Comparisons.Select(c => c.ReferenceName));
    }

    [Fact]
    public void A_wrong_forward_passes_finite_differences_and_fails_against_PyTorch()
    {
        // sample: three-way-forward
        // sigmoid(x) = (1 + tanh(x / 2)) / 2, written without the "/ 2": a wrong forward, and its backward (AutoNet's
        // own tanh backward) is the exact derivative of that wrong function.
        var x = Tensor.From([-2.0, -0.5, 0.0, 1.0]);

        var result = GradientCheck.ThreeWay("sigmoid", t => 0.5 * (1.0 + t.Tanh()), t => t.sigmoid(), x);
        Console.WriteLine(result);
        // end sample
        output.WriteLine(result.ToString());

        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "testing-gradients.md"));
        Assert.True(CodeBlocks(page, "text").Contains(result.ToString().Replace("\r", "")),
            $"docs/testing-gradients.md should show, in a text block, the output of this sample; it is now:\n{result}");
        Assert.False(result.Forward.Passed);
        Assert.True(result.Inputs[0].FiniteDifferences.Passed);
        Assert.False(result.Inputs[0].PyTorch!.Passed);
    }

    [Fact]
    public void The_page_shows_exactly_these_samples()
    {
        string root = RepositoryRoot();
        string page = File.ReadAllText(Path.Combine(root, "docs", "testing-gradients.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "AutoNet.TorchParity.Tests", "DocSamples", "TestingGradientsSampleTests.cs"));
        var blocks = CodeBlocks(page, "csharp");

        foreach (string name in new[] { "function", "model", "failure", "three-way", "three-way-forward" })
        {
            string sample = Sample(source, name);
            Assert.True(blocks.Any(b => b.Contains(sample, StringComparison.Ordinal)),
                $"docs/testing-gradients.md has no csharp block containing the '{name}' sample:\n{sample}");
        }
    }

    /// <summary>The lines between <c>// sample: name</c> and <c>// end sample</c>, without their common indentation.</summary>
    private static string Sample(string source, string name)
    {
        var lines = source.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = lines.FindIndex(l => l.Trim() == $"// sample: {name}") + 1;
        int end = lines.FindIndex(start, l => l.Trim() == "// end sample");
        var body = lines.GetRange(start, end - start);
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static List<string> CodeBlocks(string markdown, string language)
    {
        var blocks = new List<string>();
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```" + language) continue;
            int j = i + 1;
            while (j < lines.Length && lines[j].Trim() != "```") j++;
            blocks.Add(string.Join("\n", lines[(i + 1)..j]));
            i = j;
        }
        return blocks;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AutoNet.sln"))) return dir.FullName;
        throw new InvalidOperationException($"AutoNet.sln not found above {AppContext.BaseDirectory}");
    }
}
