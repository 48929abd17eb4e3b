using Xunit;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>Tensor.RegisterHook: what the hook sees and what replacing the gradient does, on leaves and non-leaves, as torch 1.13.</summary>
public class TensorHookTests
{
    private static Tensor Leaf(params double[] v)
    {
        var t = Tensor.From(v, v.Length);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void A_leaf_hook_sees_the_summed_gradient_once_before_accumulation_and_may_replace_it()
    {
        var x = Leaf(1, 2, 3);
        var seen = new List<double[]>();
        using var h = x.RegisterHook(g => { seen.Add(g.ToArray()); return g * 2; });
        // Two consumers: torch runs the hook once, on 2x + 3 (the sum).
        ((x * x).Sum() + (x * 3).Sum()).Backward();
        Assert.Single(seen);
        Assert.Equal([5.0, 7, 9], seen[0]);
        Assert.Equal([10.0, 14, 18], x.Grad!.ToArray());
    }

    [Fact]
    public void A_non_leaf_hook_changes_what_flows_on_to_the_inputs()
    {
        var x = Leaf(1, 2, 3);
        var y = x * x;
        double[]? seen = null;
        y.RegisterHook(g => { seen = g.ToArray(); return g + 1; });
        (y * 10).Sum().Backward();
        Assert.Equal([10.0, 10, 10], seen!);
        Assert.Equal([22.0, 44, 66], x.Grad!.ToArray());   // 2x · (10 + 1)
    }

    [Fact]
    public void Hooks_run_in_registration_order_and_null_keeps_the_gradient()
    {
        var x = Leaf(1, 2);
        var log = new List<string>();
        x.RegisterHook(g => { log.Add("a"); return g * 3; });
        x.RegisterHook(g => { log.Add($"b{g.ToArray()[0]}"); return null; });
        x.Sum().Backward();
        Assert.Equal(["a", "b3"], log);
        Assert.Equal([3.0, 3], x.Grad!.ToArray());
    }

    [Fact]
    public void A_disposed_hook_no_longer_runs()
    {
        var x = Leaf(1, 2);
        int calls = 0;
        var h = x.RegisterHook(g => { calls++; return null; });
        x.Sum().Backward();
        h.Dispose();
        x.Sum().Backward();
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Hooks_run_in_Autograd_Grad_and_under_createGraph_second_order_flows_through_the_replacement()
    {
        var x = Leaf(1, 2);
        var y = x.Pow(3);
        y.RegisterHook(g => g * x);   // dL/dy becomes x, so dL/dx = 3x² · x = 3x³
        var g = AutoNet.Autograd.Grad([y.Sum()], [x], createGraph: true)[0]!;
        Assert.Equal([3.0, 24], g.ToArray());
        var gg = AutoNet.Autograd.Grad([g.Sum()], [x])[0]!;
        Assert.Equal([9.0, 36], gg.ToArray());   // d(3x³)/dx = 9x²
    }

    [Fact]
    public void Refuses_a_tensor_without_grad_and_a_hook_returning_the_wrong_shape()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Ones(2).RegisterHook(g => null));
        Assert.Contains("RegisterHook", e.Message);
        var x = Leaf(1, 2);
        x.RegisterHook(g => Tensor.Ones(3));
        var e2 = Assert.Throws<InvalidOperationException>(() => x.Sum().Backward());
        Assert.Contains("[3]", e2.Message);
        Assert.Contains("[2]", e2.Message);
    }
}
