using AutoNet;
using AutoNet.Visualization;

namespace DocSamples.Learn;

/// <summary>The slopes of L measured by nudging a and b, then the
/// gradients from one backward pass, traced step by step.</summary>
public static class ChainRuleRun
{
    public static void Run(TextWriter o)
    {
        const double h = 1e-6;
        double L(double a, double b) => ChainRule.Build(a, b).L.Item();
        o.WriteLine($"L = {L(2, -3)}");
        o.WriteLine($"dL/da measured: {(L(2 + h, -3) - L(2, -3)) / h:F4}");
        o.WriteLine($"dL/db measured: {(L(2, -3 + h) - L(2, -3)) / h:F4}");

        var g = ChainRule.Build();
        using (Autograd.TraceBackward(o, ChainRule.Names(g)))
        {
            g.L.Backward();
        }
        o.WriteLine($"a.Grad = {g.A.Grad!.Item()}, " +
                    $"b.Grad = {g.B.Grad!.Item()}");
    }

    /// <summary>The graph before backward (data only) or with every
    /// node's gradient (ShowEveryGradient), in Graphviz DOT.</summary>
    public static string Dot(bool gradients)
    {
        var g = ChainRule.Build();
        var options = ChainRule.Names(g);
        options.ShowValues = true;
        options.ShowEveryGradient = gradients;
        options.Direction = GraphDirection.LeftRight;
        return GraphExport.ToDot(g.L, options);
    }
}
