using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>
/// Every leaf owns its gradient, as PyTorch's AccumulateGrad gives it: the first gradient is taken over only when
/// nothing else holds it and copied otherwise, later ones are added in place into the existing <c>Grad</c> (out of
/// place under createGraph), and accumulation from several threads at once loses nothing.
/// </summary>
public class GradientOwnershipTests
{
    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void AccumulateGrad_gives_each_leaf_its_own_gradient_so_ClipGradNorm_scales_each_once()
    {
        var a = Leaf(1, 2);
        var b = Leaf(3, 4);
        var c = Leaf(5, 6);
        ((a + b) * c).Sum().Backward();                  // a.Grad = b.Grad = c = [5, 6]
        GradClipping.ClipGradNorm([a, b], 1);
        double norm = Math.Sqrt(a.Grad!.ToArray().Concat(b.Grad!.ToArray()).Sum(v => v * v));
        Assert.Equal(1.0, norm, 5);                      // torch: 0.9999999 (clip_coef has 1e-6 in it)
        Assert.Equal(new[] { 5.0, 6 }, c.ToArray());
    }

    [Fact]
    public void AccumulateGrad_copies_the_callers_gradient_so_clipping_one_leaf_leaves_it_and_the_other_leaf_alone()
    {
        var a = Leaf(1, 2);
        var b = Leaf(3, 4);
        var g = Tensor.From([30.0, 40]);
        (a + b).Backward(g);
        GradClipping.ClipGradNorm([a], 1);
        Assert.Equal(new[] { 30.0, 40 }, g.ToArray());
        Assert.Equal(new[] { 30.0, 40 }, b.Grad!.ToArray());
        Assert.Equal(1.0, Math.Sqrt(a.Grad!.ToArray().Sum(v => v * v)), 5);
    }

    [Fact]
    public void AccumulateGrad_copies_a_seed_given_to_a_leaf_itself()
    {
        var x = Leaf(1, 2);
        var g = Tensor.From([3.0, 4]);
        x.Backward(g);
        x.Backward(g);
        Assert.Equal(new[] { 6.0, 8 }, x.Grad!.ToArray());
        Assert.Equal(new[] { 3.0, 4 }, g.ToArray());
    }

    [Fact]
    public void AccumulateGrad_adds_later_gradients_in_place_into_the_existing_Grad()
    {
        var x = Leaf(1, 2);
        (x * 3.0).Sum().Backward();
        var first = x.Grad!;
        (x * 4.0).Sum().Backward();
        Assert.Same(first, x.Grad);
        Assert.Equal(new[] { 7.0, 7 }, first.ToArray());
    }

    [Fact]
    public void AccumulateGrad_adds_out_of_place_under_createGraph()
    {
        var x = Leaf(1, 2);
        (x * x).Sum().Backward(createGraph: true);
        var first = x.Grad!;
        Assert.NotNull(first.GradFn);                     // 2x, differentiable
        (x * x).Sum().Backward(createGraph: true);
        Assert.NotSame(first, x.Grad);
        Assert.Equal(new[] { 2.0, 4 }, first.ToArray());
        Assert.Equal(new[] { 4.0, 8 }, x.Grad!.ToArray());
        var second = Autograd.Grad([x.Grad!.Sum()], [x])[0]!;  // d/dx Σ 4x = 4
        Assert.Equal(new[] { 4.0, 4 }, second.ToArray());
    }

    [Fact]
    public void AccumulateGrad_gives_two_leaves_fed_one_gradient_under_createGraph_their_own_tensors()
    {
        var a = Leaf(1, 2);
        var b = Leaf(3, 4);
        ((a + b) * (a + b)).Sum().Backward(createGraph: true);
        Assert.NotSame(a.Grad, b.Grad);
        GradClipping.ClipGradNorm([a], 1);
        Assert.Equal(new[] { 8.0, 12 }, b.Grad!.ToArray());
    }

    [Fact]
    public void AccumulateGrad_loses_nothing_when_threads_accumulate_into_one_leaf_at_once()
    {
        var shared = Leaf(0, 0, 0);
        const int threads = 8, backwardsPerThread = 2_000;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < backwardsPerThread; i++) (shared * 2.0).Sum().Backward();
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        Assert.Equal(new[] { 32_000.0, 32_000, 32_000 }, shared.Grad!.ToArray());
    }
}
