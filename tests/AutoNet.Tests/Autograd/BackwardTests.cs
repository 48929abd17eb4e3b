using Xunit;

namespace AutoNet.Tests.AutogradEngine;


public class BackwardTests
{
    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Gradients_accumulate_into_leaves_across_backward_calls()
    {
        var x = Leaf(1, 2, 3);
        (x * x).Sum().Backward();
        Assert.Equal(new[] { 2.0, 4, 6 }, x.Grad!.ToArray());
        (x * 3.0).Sum().Backward();
        Assert.Equal(new[] { 5.0, 7, 9 }, x.Grad!.ToArray());
    }

    [Fact]
    public void A_tensor_used_twice_receives_the_sum_of_both_paths()
    {
        var x = Leaf(2);
        var y = x * x + x.Exp();           // dy/dx = 2x + e^x
        y.Backward();
        Assert.Equal(4 + Math.Exp(2), x.Grad!.Item(), 12);
    }

    [Fact]
    public void Graph_is_recorded_only_when_an_input_requires_grad_and_grad_mode_is_on()
    {
        var a = Tensor.From([1.0, 2]);
        Assert.Null((a * 2.0).GradFn);
        var x = Leaf(1, 2);
        Assert.Equal("Mul", (x * 2.0).GradFn!.Name);
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            var y = x * 2.0;
            Assert.Null(y.GradFn);
            Assert.False(y.RequiresGrad);
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void NoGrad_on_one_thread_does_not_affect_another_thread()
    {
        var x = Leaf(1);
        using var scopeOpened = new ManualResetEventSlim();
        bool otherThreadRecords = false;
        var thread = new Thread(() =>
        {
            scopeOpened.Wait();
            otherThreadRecords = (x * 2.0).GradFn is not null;
        });
        thread.Start();
        using (Autograd.NoGrad())
        {
            scopeOpened.Set();
            thread.Join();
            Assert.Null((x * 2.0).GradFn);
        }
        Assert.True(otherThreadRecords);
    }

    [Fact]
    public async Task NoGrad_flows_into_async_code_started_inside_it()
    {
        var x = Leaf(1);
        using (Autograd.NoGrad())
        {
            bool recorded = await Task.Run(() => (x * 2.0).GradFn is not null);
            Assert.False(recorded);
        }
        Assert.NotNull((x * 2.0).GradFn);
    }

    [Fact]
    public void Detach_shares_memory_but_leaves_the_graph()
    {
        var x = Leaf(1, 2);
        var y = (x * 2.0).Detach();
        Assert.True(y.IsLeaf);
        Assert.False(y.RequiresGrad);
        Assert.Equal(new[] { 2.0, 4 }, y.ToArray());
    }

    [Fact]
    public void Backward_twice_without_retainGraph_throws_naming_retainGraph()
    {
        var x = Leaf(1, 2);
        var loss = (x * x).Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("retainGraph", e.Message);
        Assert.Contains("second time", e.Message);
    }

    [Fact]
    public void RetainGraph_allows_a_second_backward()
    {
        var x = Leaf(1, 2);
        var loss = (x * x).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal(new[] { 4.0, 8 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_on_a_non_scalar_without_gradient_throws_naming_the_shape()
    {
        var x = Leaf(1, 2, 3);
        var e = Assert.Throws<InvalidOperationException>(() => (x * 2.0).Backward());
        Assert.Contains("[3]", e.Message);
        Assert.Contains("gradient", e.Message);
    }

    [Fact]
    public void Backward_with_an_explicit_gradient_is_a_vector_Jacobian_product()
    {
        var x = Leaf(1, 2, 3);
        (x * x).Backward(Tensor.From([1.0, 10, 100]));
        Assert.Equal(new[] { 2.0, 40, 600 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_with_a_gradient_of_the_wrong_shape_throws()
    {
        var x = Leaf(1, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => (x * 2.0).Backward(Tensor.Ones(2)));
        Assert.Contains("[2]", e.Message);
        Assert.Contains("[3]", e.Message);
    }

    [Fact]
    public void Backward_on_a_tensor_that_does_not_require_grad_throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.From([1.0]).Sum().Backward());
        Assert.Contains("RequiresGrad", e.Message);
    }

    [Fact]
    public void RequiresGrad_cannot_be_set_on_a_non_leaf()
    {
        var y = Leaf(1) * 2.0;
        var e = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("leaf", e.Message);
    }

    [Fact]
    public void Grad_of_a_non_leaf_is_null_as_in_PyTorch()
    {
        var x = Leaf(1, 2);
        var y = x * 2.0;
        y.Sum().Backward();
        Assert.Null(y.Grad);
        Assert.NotNull(x.Grad);
    }

    [Fact]
    public void Autograd_Grad_returns_gradients_without_touching_Grad()
    {
        var x = Leaf(1, 2);
        var w = Leaf(3, 4);
        var h = x * w;
        var loss = (h * h).Sum();
        var grads = Autograd.Grad([loss], [x, h]);
        Assert.Equal(new[] { 2 * 1 * 9.0, 2 * 2 * 16.0 }, grads[0]!.ToArray()); // d/dx (xw)² = 2xw²
        Assert.Equal(new[] { 6.0, 16 }, grads[1]!.ToArray());                     // d/dh h² = 2h
        Assert.Null(x.Grad);
        Assert.Null(w.Grad);
    }

    [Fact]
    public void Autograd_Grad_gives_null_for_an_unused_input()
    {
        var x = Leaf(1);
        var unused = Leaf(5);
        var grads = Autograd.Grad([(x * 2.0).Sum()], [x, unused]);
        Assert.Equal(2.0, grads[0]!.Item());
        Assert.Null(grads[1]);
    }

    [Fact]
    public void CreateGraph_gives_higher_order_derivatives()
    {
        var x = Leaf(0.5);
        var y = x.Pow(3).Sum();                                      // y = x³
        var dy = Autograd.Grad([y], [x], createGraph: true)[0]!;    // 3x²
        var d2y = Autograd.Grad([dy.Sum()], [x], createGraph: true)[0]!; // 6x
        var d3y = Autograd.Grad([d2y.Sum()], [x])[0]!;              // 6
        Assert.Equal(0.75, dy.Item(), 14);
        Assert.Equal(3.0, d2y.Item(), 14);
        Assert.Equal(6.0, d3y.Item(), 14);
    }

    [Fact]
    public void Modifying_a_saved_tensor_in_place_is_reported_at_backward()
    {
        var x = Leaf(1, 2);
        var w = Tensor.From([3.0, 4]);
        var loss = (x * w).Sum();
        w.CopyFrom(Tensor.From([0.0, 0]));
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("Mul", e.Message);
        Assert.Contains("modified in place", e.Message);
    }

    [Fact]
    public void CopyFrom_into_a_leaf_that_requires_grad_needs_NoGrad()
    {
        var x = Leaf(1, 2);
        var e = Assert.Throws<InvalidOperationException>(() => x.CopyFrom(Tensor.Zeros(2)));
        Assert.Contains("NoGrad", e.Message);
        using (Autograd.NoGrad()) x.CopyFrom(Tensor.Scalar(7));
        Assert.Equal(new[] { 7.0, 7 }, x.ToArray());
    }

    [Fact]
    public void A_chain_of_a_million_ops_does_not_overflow_the_stack()
    {
        var x = Leaf(1.0);
        var y = x;
        for (int i = 0; i < 1_000_000; i++) y = y + 1e-6;
        y.Sum().Backward();
        Assert.Equal(1.0, x.Grad!.Item());
        Assert.Equal(2.0, y.Item(), 6);
    }
}
