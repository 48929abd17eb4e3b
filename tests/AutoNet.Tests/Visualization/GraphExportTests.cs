using AutoNet.Visualization;
using Xunit;

namespace AutoNet.Tests.Visualization;

/// <summary><see cref="GraphExport"/>: the exact DOT and Mermaid text for small graphs.</summary>
public class GraphExportTests
{
    /// <summary>loss = sum(w * x) * 0.5 with w a parameter, x an input, 0.5 a constant.</summary>
    private static (Tensor Loss, Tensor W, Tensor X) SmallGraph()
    {
        var w = Tensor.From([1.0, -2.0], 2);
        w.RequiresGrad = true;
        var x = Tensor.From([3.0, 4.0], 2);
        var loss = (w * x).Sum() * 0.5;
        return (loss, w, x);
    }

    [Fact]
    public void ToDotWritesOpsShapesAndLeaves()
    {
        var (loss, w, x) = SmallGraph();
        var options = new GraphExportOptions { Names = { [w] = "w", [x] = "x" } };

        string dot = GraphExport.ToDot(loss, options);

        Assert.Equal(
            """
            digraph autograd {
              rankdir=TB;
              node [fontname="Helvetica", fontsize=10];
              t0 [shape=box, label="Mul\n[]"];
              t1 [shape=box, label="Sum\n[]"];
              t2 [shape=ellipse, label="constant\n[]\n= 0.5"];
              t3 [shape=box, label="Mul\n[2]"];
              t4 [shape=ellipse, style=filled, fillcolor="#dbeafe", label="w\n[2]"];
              t5 [shape=ellipse, label="x\n[2]"];
              t1 -> t0;
              t2 -> t0;
              t3 -> t1;
              t4 -> t3;
              t5 -> t3;
            }

            """.ReplaceLineEndings("\n"), dot);
    }

    [Fact]
    public void ToMermaidWritesOpsShapesAndLeaves()
    {
        var (loss, w, x) = SmallGraph();
        var options = new GraphExportOptions { Names = { [w] = "w", [x] = "x" } };

        string mermaid = GraphExport.ToMermaid(loss, options);

        Assert.Equal(
            """
            flowchart TB
              t0["Mul<br/>[]"]
              t1["Sum<br/>[]"]
              t2("constant<br/>[]<br/>= 0.5")
              t3["Mul<br/>[2]"]
              t4(["w<br/>[2]"])
              t5("x<br/>[2]")
              t1 --> t0
              t2 --> t0
              t3 --> t1
              t4 --> t3
              t5 --> t3
              classDef leaf fill:#dbeafe,stroke:#1d4ed8
              class t4 leaf

            """.ReplaceLineEndings("\n"), mermaid);
    }

    [Fact]
    public void ShowValuesAndGradientsAfterBackwardWithRetainGraph()
    {
        var (loss, w, _) = SmallGraph();
        loss.Backward(retainGraph: true);
        var options = new GraphExportOptions { ShowValues = true, ShowGradients = true, Direction = GraphDirection.LeftRight };

        string mermaid = GraphExport.ToMermaid(loss, options);

        // d loss / d w = 0.5 * x = [1.5, 2]; the unnamed parameter is "leaf", the unnamed input "constant".
        Assert.Equal(
            """
            flowchart LR
              t0["Mul<br/>[]<br/>= -2.5"]
              t1["Sum<br/>[]<br/>= -5"]
              t2("constant<br/>[]<br/>= 0.5")
              t3["Mul<br/>[2]<br/>= [3, -8]"]
              t4(["leaf<br/>[2]<br/>= [1, -2]<br/>grad [1.5, 2]"])
              t5("constant<br/>[2]<br/>= [3, 4]")
              t1 --> t0
              t2 --> t0
              t3 --> t1
              t4 --> t3
              t5 --> t3
              classDef leaf fill:#dbeafe,stroke:#1d4ed8
              class t4 leaf

            """.ReplaceLineEndings("\n"), mermaid);
        Assert.Equal([1.5, 2.0], w.Grad!.ToArray());
    }

    [Fact]
    public void LargeTensorsShowTheirShapeOnlyAndSharedTensorsAppearOnce()
    {
        var m = Tensor.Ones(3, 3);
        m.RequiresGrad = true;
        var y = m * m; // m is used twice by one op: two edges, one vertex
        var options = new GraphExportOptions { ShowValues = true, ShowGradients = true };
        y.Sum().Backward(retainGraph: true);

        string dot = GraphExport.ToDot(y, options);

        Assert.Equal(
            """
            digraph autograd {
              rankdir=TB;
              node [fontname="Helvetica", fontsize=10];
              t0 [shape=box, label="Mul\n[3, 3]"];
              t1 [shape=ellipse, style=filled, fillcolor="#dbeafe", label="leaf\n[3, 3]\ngrad tensor of shape [3, 3]"];
              t1 -> t0;
              t1 -> t0;
            }

            """.ReplaceLineEndings("\n"), dot);
    }

    [Fact]
    public void NamesAreEscaped()
    {
        var a = Tensor.Scalar(2.0);
        a.RequiresGrad = true;
        var options = new GraphExportOptions { Names = { [a] = "say \"a\" <b>\\" } };

        var y = a.Exp();

        Assert.Contains("t1 [shape=ellipse, style=filled, fillcolor=\"#dbeafe\", label=\"say \\\"a\\\" <b>\\\\\\n[]\"];", GraphExport.ToDot(y, options));
        Assert.Contains("t1([\"say #quot;a#quot; #lt;b#gt;\\<br/>[]\"])", GraphExport.ToMermaid(y, options));
    }

    [Fact]
    public void ALeafAloneIsOneVertex()
    {
        var x = Tensor.From([1.0, 2.0], 2);

        Assert.Equal("flowchart TB\n  t0(\"constant<br/>[2]\")\n", GraphExport.ToMermaid(x));
    }

    [Fact]
    public void ALongChainDoesNotOverflowTheStack()
    {
        var x = Tensor.Scalar(1.0);
        x.RequiresGrad = true;
        var y = x;
        for (int i = 0; i < 200_000; i++) y = -y;

        string mermaid = GraphExport.ToMermaid(y);

        Assert.Contains("t200000([\"leaf<br/>[]\"])", mermaid);
        Assert.Contains("t200000 --> t199999\n", mermaid);
    }

    [Fact]
    public void AGraphFreedByBackwardIsRefused()
    {
        var (loss, _, _) = SmallGraph();
        loss.Backward();

        var e = Assert.Throws<InvalidOperationException>(() => GraphExport.ToDot(loss));
        Assert.Contains("GraphExport.ToDot: the graph was already freed by Backward", e.Message);
        Assert.Throws<InvalidOperationException>(() => GraphExport.ToMermaid(loss));
    }

    [Fact]
    public void NegativeMaxElementsIsRefused()
    {
        var options = new GraphExportOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxElements = -1);
    }

    [Fact]
    public void AddNamesNamesAModulesParameters()
    {
        var layer = new AutoNet.Nn.Linear(2, 1, generator: new AutoNet.Data.NumPyRandomState(0));
        var options = new GraphExportOptions();
        options.AddNames(layer.NamedParameters());

        string mermaid = GraphExport.ToMermaid(layer.Forward(Tensor.Ones(1, 2)), options);

        Assert.Contains("([\"weight<br/>[1, 2]\"])", mermaid);
        Assert.Contains("([\"bias<br/>[1]\"])", mermaid);
    }

    /// <summary>micrograd's draw_dot shows data and grad on every node; ShowEveryGradient does, computing d loss / d t
    /// for intermediate tensors too (which PyTorch keeps only after retain_grad()), without touching any Grad.</summary>
    [Fact]
    public void ShowEveryGradientShowsDataAndGradOnEveryNodeLikeMicrogradDrawDot()
    {
        var a = Tensor.Scalar(2.0);
        var b = Tensor.Scalar(-3.0);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        var e = a * b;              // -6
        var loss = (e + 10.0) * e;  // e is used twice: d loss / d e = (e + 10) + e = -2
        var options = new GraphExportOptions { Names = { [a] = "a", [b] = "b", [e] = "e" }, ShowValues = true, ShowEveryGradient = true };

        string mermaid = GraphExport.ToMermaid(loss, options);

        Assert.Equal(
            """
            flowchart TB
              t0["Mul<br/>[]<br/>= -24<br/>grad 1"]
              t1["Add<br/>[]<br/>= 4<br/>grad -6"]
              t2["e (Mul)<br/>[]<br/>= -6<br/>grad -2"]
              t3("constant<br/>[]<br/>= 10")
              t4(["a<br/>[]<br/>= 2<br/>grad 6"])
              t5(["b<br/>[]<br/>= -3<br/>grad -4"])
              t1 --> t0
              t2 --> t0
              t2 --> t1
              t3 --> t1
              t4 --> t2
              t5 --> t2
              classDef leaf fill:#dbeafe,stroke:#1d4ed8
              class t4,t5 leaf

            """.ReplaceLineEndings("\n"), mermaid);
        Assert.Null(a.Grad);                                   // no Grad was touched
        Assert.Contains("label=\"e (Mul)\\n[]\\n= -6\\ngrad -2\"", GraphExport.ToDot(loss, options));
        loss.Backward();                                      // and the graph is still there to run backward on
        Assert.Equal(6.0, a.Grad!.Item());
    }

    [Fact]
    public void ShowEveryGradientNeedsAOneElementRoot()
    {
        var w = Tensor.From([1.0, 2.0], 2);
        w.RequiresGrad = true;

        var error = Assert.Throws<InvalidOperationException>(() => GraphExport.ToDot(w * 2.0, new GraphExportOptions { ShowEveryGradient = true }));

        Assert.Equal("GraphExport.ToDot: ShowEveryGradient needs a one-element root that requires grad (a loss), but the root has shape [2].", error.Message);
    }
}
