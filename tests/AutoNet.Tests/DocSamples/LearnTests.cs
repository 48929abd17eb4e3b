using System.Net;
using System.Text.RegularExpressions;
using global::DocSamples.Learn;
using global::DocSamples.Learn.Exercises;
using Xunit;

namespace AutoNet.Tests.DocSamples;

/// <summary>
/// The numbers docs/learn-autograd.md, docs/jacobians.md and docs/exercises.md work out by hand, and the answers
/// to the exercises, checked against what AutoNet computes (examples/DocSamples/Learn).
/// </summary>
public partial class LearnTests
{
    [Fact]
    public void TheSlopeMeasuredWithSmallerStepsApproachesTheDerivativeUntilRoundingTakesOver()
    {
        double F(double x) => 3 * x * x - 4 * x + 5;
        double Slope(double h) => (F(3 + h) - F(3)) / h;

        Assert.Equal(14.3, Slope(0.1), 12);                                   // 14 + 3h, exactly 14.3 in real numbers
        Assert.InRange(Math.Abs(Slope(1e-6) - 14), 0, 1e-5);
        Assert.True(Math.Abs(Slope(1e-12) - 14) > 100 * Math.Abs(Slope(1e-6) - 14)); // h too small: rounding error wins
        Assert.EndsWith("autograd: df/dx at 3 = 14\n", Output(global::DocSamples.Learn.Slope.Run));
    }

    /// <summary>By hand: dL/dL = 1; dL/dd = e = -6; dL/de = d + dL/dd = 4 - 6 = -2; dL/da = -2·b = 6; dL/db = -2·a = -4.</summary>
    [Fact]
    public void TheChainRuleByHandGivesWhatBackwardGives()
    {
        var g = ChainRule.Build();
        Assert.Equal([-6.0, 4.0, -24.0], [g.E.Item(), g.D.Item(), g.L.Item()]);

        var grads = Autograd.Grad([g.L], [g.D, g.E, g.A, g.B]);

        Assert.Equal([-6.0, -2.0, 6.0, -4.0], grads.Select(t => t!.Item()));
    }

    [Fact]
    public void TheTraceShowsTheTwoGradientsOfTheValueUsedTwiceSummed()
    {
        string trace = Output(ChainRuleRun.Run);

        Assert.Contains("-> input 1 (e (Mul) []) gets 4\n", trace);
        Assert.Contains("-> input 0 (e (Mul) []) gets -6\n", trace);
        Assert.Contains("step 3: e (Mul) [] receives (sum of 2) -2\n", trace);
        Assert.Contains("dL/da measured: 6.0000\ndL/db measured: -4.0000\n", trace);
    }

    /// <summary>The pictures in docs/assets were drawn by Graphviz from today's DOT: each label line of
    /// docs/generated/NAME.dot is a text element of docs/assets/NAME.svg. Else run docs/generate-assets.sh.</summary>
    [Theory]
    [InlineData("learn-graph")]
    [InlineData("learn-graph-grads")]
    public void TheGraphPicturesShowWhatTheSamplesDraw(string name)
    {
        string dot = ChainRuleRun.Dot(gradients: name.EndsWith("grads", StringComparison.Ordinal));
        string svg = File.ReadAllText(RepositoryFiles.PathOf(Path.Combine("docs", "assets", name + ".svg")));
        var texts = SvgText().Matches(svg).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var lines = DotLabel().Matches(dot).SelectMany(m => m.Groups[1].Value.Split("\\n")).ToList();

        Assert.Equal(lines, texts);
        Assert.Equal(name.EndsWith("grads", StringComparison.Ordinal) ? 5 : 0, lines.Count(l => l.StartsWith("grad ", StringComparison.Ordinal)));
    }

    [Fact]
    public void BackwardWithAVectorGivesTheVectorJacobianProduct()
    {
        string output = Output(Jacobians.Run);

        Assert.Contains("vJ = tensor([ 2.,  2., -6.])\n", output);            // v · 2x = [1·2, 0.5·4, -1·6]
        Assert.Contains("row 0 of J: tensor([1., 2., 3.])\nrow 1 of J: tensor([4., 5., 6.])\n", output); // J = W
    }

    /// <summary>f = x0²·x1 + x1³: H = [[2·x1, 2·x0], [2·x0, 6·x1]] = [[4, 2], [2, 12]] at (1, 2); H·(1, -1) = (2, -10).</summary>
    [Fact]
    public void TheHessianVectorProductIsTheHandComputedOne()
    {
        Assert.Equal((4.0, 13.0), HessianVector.Gradient(1, 2));
        Assert.Equal((2.0, -10.0), HessianVector.Hv(1, 2, 1, -1));
        Assert.Equal((4.0, 2.0), HessianVector.Hv(1, 2, 1, 0));              // the first column of H
        Assert.Contains("measured:  (2.000000, -10.000000)", Output(HessianVector.Run));
    }

    /// <summary>Exercise 1: a reaches L three ways (twice through a·a, once directly): 3 + 3 + 1 = 7; a second
    /// backward adds another 7, since gradients accumulate (PyTorch does the same).</summary>
    [Fact]
    public void Exercise1GradientsAccumulate()
    {
        Assert.Equal((7.0, 14.0), Predict.Run());

        var a = Tensor.Scalar(3.0);
        a.RequiresGrad = true;
        var L = a * a + a;
        L.Backward();
        Assert.Throws<InvalidOperationException>(() => L.Backward()); // the first backward freed the graph
    }

    private static Tensor[] Inputs(double[] x, double[] y)
    {
        var a = Tensor.From(x, x.Length);
        var b = Tensor.From(y, y.Length);
        a.RequiresGrad = b.RequiresGrad = true;
        return [a, b];
    }

    /// <summary>Exercise 2: the gradient check catches the swapped gradients, at input 0, unless x == y.</summary>
    [Fact]
    public void Exercise2TheGradientCheckFindsTheSwappedGradients()
    {
        var buggy = Autograd.GradCheck(t => new BuggyMul().Apply(t[0], t[1]), Inputs([1.0, 2.0], [3.0, -1.0]));
        var fixedMul = Autograd.GradCheck(t => new FixedMul().Apply(t[0], t[1]), Inputs([1.0, 2.0], [3.0, -1.0]));
        var same = Autograd.GradCheck(t => new BuggyMul().Apply(t[0], t[1]), Inputs([1.0, 2.0], [1.0, 2.0]));

        Assert.False(buggy.Passed);
        Assert.Equal(0, buggy.InputIndex);
        Assert.True(fixedMul.Passed, fixedMul.ToString());
        Assert.True(same.Passed, "with x == y the bug cannot show: " + same);
    }

    /// <summary>Exercise 3: sin's backward is grad·cos x; written with CosFunction it has a second derivative.</summary>
    [Fact]
    public void Exercise3SinsBackwardPassesTheGradientChecks()
    {
        double[] values = [-2.0, 0.0, 0.5, 3.0];
        var x = Tensor.From(values, 4);
        x.RequiresGrad = true;

        new SinFunction().Apply(x).Sum().Backward();

        Assert.Equal(values.Select(Math.Cos), x.Grad!.ToArray());
        var first = Autograd.GradCheck(t => new SinFunction().Apply(t[0]), [x]);
        var second = Autograd.GradGradCheck(t => new SinFunction().Apply(t[0]), [x]);
        Assert.True(first.Passed, first.ToString());
        Assert.True(second.Passed, second.ToString());
    }

    /// <summary>Exercise 3's warning: cos values computed with Math.Cos are constants to autograd, so such a
    /// backward passes the first-order check and fails the second-order one.</summary>
    [Fact]
    public void Exercise3ABackwardWithConstantCosValuesFailsGradGradCheck()
    {
        var x = Tensor.From([-2.0, 0.5, 3.0], 3);
        x.RequiresGrad = true;

        Assert.True(Autograd.GradCheck(t => new ConstantCosSin().Apply(t[0]), [x]).Passed);
        Assert.False(Autograd.GradGradCheck(t => new ConstantCosSin().Apply(t[0]), [x]).Passed);
    }

    private sealed class ConstantCosSin : Autograd.Function
    {
        private Tensor _cos = null!;

        protected override Tensor Forward(Tensor[] inputs)
        {
            _cos = SinFunction.Map(inputs[0], Math.Cos);
            return SinFunction.Map(inputs[0], Math.Sin);
        }

        protected internal override Tensor?[] Backward(Tensor grad) => [grad * _cos];
    }

    /// <summary>What a sample writes (not through GeneratedDocs, which swaps Console.Out: tests run in parallel).</summary>
    private static string Output(Action<TextWriter> sample)
    {
        var writer = new StringWriter { NewLine = "\n" };
        sample(writer);
        return writer.ToString();
    }

    [GeneratedRegex("<text [^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();

    [GeneratedRegex("label=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex DotLabel();
}
