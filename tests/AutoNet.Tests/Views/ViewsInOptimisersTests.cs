using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Views;

/// <summary>Optimisers and gradient clipping given views: a parameter that is a transposed view of another tensor,
/// and a Grad set to a non-contiguous view, are updated in place as contiguous ones are.</summary>
public class ViewsInOptimisersTests
{
    [Fact]
    public void SgdUpdatesANonContiguousParameterInItsBaseStorage()
    {
        var storage = Tensor.Arange(6).Reshape(2, 3);
        var p = storage.T.Detach();
        p.RequiresGrad = true;
        Assert.False(p.IsContiguous);
        (p * p).Sum().Backward();                     // grad = 2p
        new SGD([p], lr: 0.1).Step();                 // p ← p − 0.1 · 2p = 0.8 p
        Assert.Equal(Tensor.Arange(6).ToArray().Select(v => v - 0.1 * (2 * v)), storage.ToArray());
    }

    [Fact]
    public void AdamGivesTheSameStepsOnAViewAsOnACopy()
    {
        var plain = Tensor.From([1.0, -2, 3, -4, 5, -6], 3, 2);
        plain.RequiresGrad = true;
        var view = Tensor.From([1.0, 3, 5, -2, -4, -6], 2, 3).T.Detach();
        view.RequiresGrad = true;
        var a = new Adam([plain], lr: 0.01);
        var b = new Adam([view], lr: 0.01);
        for (int step = 0; step < 3; step++)
        {
            foreach (var (p, opt) in new[] { (plain, a), (view, b) })
            {
                opt.ZeroGrad();
                (p * p * p).Sum().Backward();
                opt.Step();
            }
        }
        Assert.Equal(plain.ToArray(), view.ToArray());
    }

    [Fact]
    public void ClippingWritesThroughANonContiguousGrad()
    {
        var p = Tensor.Zeros(2, 3);
        p.RequiresGrad = true;
        var g = Tensor.From([3.0, 0, 0, 4, 0, 0], 3, 2).T; // [[3, 0, 0], [0, 4, 0]], a non-contiguous view
        p.Grad = g;
        double total = GradClipping.ClipGradNorm([p], 1.0);
        Assert.Equal(5.0, total);
        Assert.Equal(new[] { 3.0, 0, 0, 0, 4, 0 }.Select(v => v * (1.0 / (5.0 + 1e-6))), p.Grad!.ToArray());
        GradClipping.ClipGradValue([p], 0.5);
        Assert.All(p.Grad!.ToArray(), v => Assert.True(Math.Abs(v) <= 0.5));
    }
}
