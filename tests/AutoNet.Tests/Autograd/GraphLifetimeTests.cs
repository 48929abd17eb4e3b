using Xunit;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>
/// What a backward pass runs and frees, as in PyTorch: Autograd.Grad runs only the nodes on a path from its
/// outputs to its inputs (the engine's exec_info), and backward frees only what nodes saved, so a graph that saved
/// nothing can be run again while a freed saved tensor gives PyTorch's "backward through the graph a second time".
/// </summary>
public class GraphLifetimeTests
{
    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Autograd_Grad_with_respect_to_an_intermediate_runs_and_frees_nothing_below_it()
    {
        var x = Leaf(1, 2);
        var h = x * x;
        var dh = AutoNet.Autograd.Grad([(h * 3.0).Sum()], [h])[0]!;
        Assert.Equal(new[] { 3.0, 3 }, dh.ToArray());
        Assert.Null(x.Grad);
        Assert.False(h.GradFn!.IsReleased);
        h.Sum().Backward();
        Assert.Equal(new[] { 2.0, 4 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Autograd_Grad_does_not_run_a_freed_node_it_does_not_need()
    {
        var x = Leaf(1, 2);
        var h = x * x;
        h.Sum().Backward();                                              // frees x * x
        var dh = AutoNet.Autograd.Grad([(h * 3.0).Sum()], [h])[0]!;
        Assert.Equal(new[] { 3.0, 3 }, dh.ToArray());
    }

    [Fact]
    public void Autograd_Grad_runs_the_node_of_an_intermediate_input_when_another_input_lies_below_it()
    {
        var x = Leaf(1, 2);
        var h = x * 2.0;
        var grads = AutoNet.Autograd.Grad([(h * h).Sum()], [h, x]);
        Assert.Equal(new[] { 4.0, 8 }, grads[0]!.ToArray());            // 2h
        Assert.Equal(new[] { 8.0, 16 }, grads[1]!.ToArray());           // 2h · 2
    }

    [Fact]
    public void Backward_twice_through_a_graph_that_saved_nothing_accumulates()
    {
        var b = Leaf(1, 2);
        var c = b + 1.0;
        var g = Tensor.From([1.0, 10]);
        c.Backward(g);
        c.Backward(g);
        Assert.Equal(new[] { 2.0, 20 }, b.Grad!.ToArray());
    }

    [Fact]
    public void Backward_twice_through_a_node_whose_saved_tensors_were_freed_says_second_time()
    {
        var x = Leaf(1, 2);
        var loss = (x + 1.0).Exp().Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("second time", e.Message);
        Assert.Contains("Exp", e.Message);
        Assert.Contains("retainGraph", e.Message);
        Assert.Equal(Math.Exp(2), x.Grad!.ToArray()[0], 12);           // nothing half-accumulated
    }
}
