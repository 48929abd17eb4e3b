using AutoNet.Data;
using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>GroupNorm: gradients of first and second order, the definition, errors.</summary>
public class GroupNormTests
{
    [Fact]
    public void GradCheck_and_GradGradCheck_pass_for_the_input_through_the_affine_layer()
    {
        var gn = new GroupNorm(2, 4);
        using (Autograd.NoGrad())
        {
            gn.Weight!.CopyFrom(Tensor.From([0.5, 1.5, -1.0, 2.0]));
            gn.Bias!.CopyFrom(Tensor.From([0.1, -0.2, 0.3, 0.0]));
        }
        var x = new NumPyRandomState(4).Randn(2, 4, 3);
        x.RequiresGrad = true;
        Assert.True(AutoNet.Autograd.GradCheck(t => gn.Forward(t[0]), [x]).Passed);
        Assert.True(AutoNet.Autograd.GradGradCheck(t => gn.Forward(t[0]), [x]).Passed);
        var w = Tensor.From([0.5, 1.5, -1.0, 2.0]);
        w.RequiresGrad = true;
        var plain = new GroupNorm(2, 4, affine: false);
        Assert.True(AutoNet.Autograd.GradGradCheck(t => plain.Forward(t[0]) * t[1].Reshape(1, 4, 1), [x, w]).Passed);
    }

    [Fact]
    public void Normalises_each_sample_group_over_its_channels_and_positions_with_the_biased_variance()
    {
        var x = new NumPyRandomState(5).Randn(2, 6, 2, 2);
        var y = new GroupNorm(3, 6, eps: 0).Forward(x);
        // Group 1 of sample 1: channels 2 and 3, 8 values.
        var v = x.ToArray().Skip(24 + 8).Take(8).ToArray();
        double mean = v.Average(), sd = Math.Sqrt(v.Select(a => (a - mean) * (a - mean)).Average());
        var expected = v.Select(a => (a - mean) / sd).ToArray();
        var actual = y.ToArray().Skip(32).Take(8).ToArray();
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], actual[i], 1e-12);
        Assert.Equal("GroupNorm(3, 6, eps=0.0, affine=True)", new GroupNorm(3, 6, eps: 0).ToString());
        Assert.Equal(["weight", "bias"], new GroupNorm(3, 6).StateDict().Keys);
    }

    [Fact]
    public void Refuses_channels_not_divisible_by_groups_and_a_wrong_input()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupNorm(4, 6));
        Assert.Contains("multiple of numGroups (4)", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new GroupNorm(2, 4).Forward(Tensor.Zeros(2, 3, 5)));
        Assert.Contains("[N, 4, *]", e2.Message);
        Assert.Contains("[2, 3, 5]", e2.Message);
        Assert.Throws<ArgumentException>(() => new GroupNorm(2, 4).Forward(Tensor.Zeros(4)));
    }
}
