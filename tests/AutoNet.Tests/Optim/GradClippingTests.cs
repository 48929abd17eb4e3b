using AutoNet.Optim;
using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Optim.TorchOptimFixture;

namespace AutoNet.Tests.Optim;

/// <summary>ClipGradNorm against torch.nn.utils.clip_grad_norm_ (PyTorch 1.13), to 1e-12 relative.</summary>
public class GradClippingTests
{
    public static IEnumerable<object[]> Cases => Enumerable.Range(0, Root.GetProperty("clip").GetArrayLength()).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClipGradNorm_matches_PyTorch(int index)
    {
        var c = Root.GetProperty("clip")[index];
        var shapes = c.GetProperty("shapes");
        var ps = new List<Tensor>();
        for (int i = 0; i < shapes.GetArrayLength(); i++)
        {
            var p = Values(c.GetProperty("grads")[i], shapes[i], DType.Float64) * 0.0;
            p.RequiresGrad = true;
            p.Grad = Values(c.GetProperty("grads")[i], shapes[i], DType.Float64);
            ps.Add(p);
        }
        var nt = c.GetProperty("norm_type");
        double normType = nt.ValueKind == System.Text.Json.JsonValueKind.String ? double.PositiveInfinity : nt.GetDouble();
        double total = GradClipping.ClipGradNorm(ps, c.GetProperty("max_norm").GetDouble(), normType);
        Close.Relative([c.GetProperty("total_norm").GetDouble()], [total], 1e-12, what: "total norm");
        for (int i = 0; i < ps.Count; i++)
            Close.Relative(Fixtures.Flat(c.GetProperty("clipped")[i]), ps[i].Grad!.ToArray(), 1e-12, tiny: 1e-300, what: $"grad {i}");
    }

    [Fact]
    public void Gradients_within_the_bound_are_unchanged_and_missing_ones_are_skipped()
    {
        var a = Tensor.Zeros(2);
        a.RequiresGrad = true;
        a.Grad = Tensor.From([0.3, 0.4]);
        var b = Tensor.Zeros(3);
        b.RequiresGrad = true;
        Assert.Equal(0.5, GradClipping.ClipGradNorm([a, b], 1.0), 15);
        Assert.Equal(new[] { 0.3, 0.4 }, a.Grad!.ToArray());
        Assert.Null(b.Grad);
        Assert.Equal(0.0, GradClipping.ClipGradNorm([b], 1.0));
    }

    [Fact]
    public void Float32_gradients_are_clipped_in_float32()
    {
        var a = Tensor.Zeros([2], DType.Float32);
        a.RequiresGrad = true;
        a.Grad = Tensor.From(new float[] { 3, 4 });
        double total = GradClipping.ClipGradNorm([a], 1.0);
        Assert.Equal(5.0, total);
        Assert.Equal(DType.Float32, a.Grad!.DType);
        float coef = 1f / (5f + 1e-6f);
        Assert.Equal(new[] { (double)(3f * coef), 4f * coef }, a.Grad.ToArray());
    }

    [Fact]
    public void ClipGradValue_clamps_each_element()
    {
        var a = Tensor.Zeros(4);
        a.RequiresGrad = true;
        a.Grad = Tensor.From([-3.0, -0.5, 0.25, 7]);
        GradClipping.ClipGradValue([a], 1.0);
        Assert.Equal(new[] { -1.0, -0.5, 0.25, 1 }, a.Grad!.ToArray());
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var a = Tensor.Zeros(1);
        a.RequiresGrad = true;
        Assert.Contains("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradNorm([a], -1)).Message);
        Assert.Contains("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradNorm([a], double.NaN)).Message);
        Assert.Contains("normType", Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradNorm([a], 1, 0)).Message);
        Assert.Contains("clipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradClipping.ClipGradValue([a], -2)).Message);
    }
}
