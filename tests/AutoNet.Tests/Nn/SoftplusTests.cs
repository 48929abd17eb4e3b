using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>The layer over F.Softplus (whose PyTorch comparison is in Ops/SoftplusTests).</summary>
public class SoftplusTests
{
    [Fact]
    public void Repr_and_forward_match_PyTorch_Softplus_module()
    {
        Assert.Equal("Softplus(beta=1, threshold=20)", new AutoNet.Nn.Softplus().ToString());
        Assert.Equal("Softplus(beta=2, threshold=5.5)", new AutoNet.Nn.Softplus(2, 5.5).ToString());
        var layer = new AutoNet.Nn.Softplus(beta: 2, threshold: 5);
        Assert.Equal(2, layer.Beta);
        Assert.Equal(5, layer.Threshold);
        var x = Tensor.From([-1.0, 0.0, 2.6]);
        Assert.Equal(F.Softplus(x, 2, 5).ToArray(), layer.Forward(x).ToArray());
        Assert.Equal(2.6, layer.Forward(x).ToArray()[2]);   // 2 · 2.6 > 5: x itself
    }
}
