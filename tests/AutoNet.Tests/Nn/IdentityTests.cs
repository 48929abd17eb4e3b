using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

public class IdentityTests
{
    [Fact]
    public void Returns_the_same_tensor_and_has_no_parameters()
    {
        var x = Tensor.From([1.0, 2]);
        var layer = new Identity();
        Assert.Same(x, layer.Forward(x));
        Assert.Empty(layer.Parameters());
        Assert.Equal("Identity()", layer.ToString());
    }

    [Fact]
    public void Gradient_passes_through_unchanged_inside_a_Sequential()
    {
        var x = Tensor.From([1.0, -2]);
        x.RequiresGrad = true;
        (new Sequential(new Identity(), new Identity()).Forward(x) * 3.0).Sum().Backward();
        Assert.Equal(new[] { 3.0, 3 }, x.Grad!.ToArray());
    }
}
