using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

public class FlattenTests
{
    [Theory]
    [InlineData(1, -1, new[] { 2, 60 })]
    [InlineData(0, -1, new[] { 120 })]
    [InlineData(1, 2, new[] { 2, 12, 5 })]
    [InlineData(-2, -1, new[] { 2, 3, 20 })]
    [InlineData(2, 2, new[] { 2, 3, 4, 5 })]
    public void Merges_the_dims_from_start_to_end_like_PyTorch(int start, int end, int[] expected)
    {
        var x = Tensor.Arange(120).Reshape(2, 3, 4, 5);
        var y = new Flatten(start, end).Forward(x);
        Assert.Equal(expected, y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
    }

    [Fact]
    public void Defaults_keep_the_batch_dim_and_gradient_comes_back_in_the_input_shape()
    {
        var x = Tensor.Ones(2, 3, 4);
        x.RequiresGrad = true;
        var y = new Flatten().Forward(x);
        Assert.Equal(new[] { 2, 12 }, y.Shape.ToArray());
        (y * 2.0).Sum().Backward();
        Assert.Equal(new[] { 2, 3, 4 }, x.Grad!.Shape.ToArray());
        Assert.All(x.Grad.ToArray(), g => Assert.Equal(2.0, g));
        Assert.Equal("Flatten(start_dim=1, end_dim=-1)", new Flatten().ToString());
    }

    [Fact]
    public void Start_after_end_and_out_of_range_dims_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Flatten(2, 1).Forward(Tensor.Zeros(2, 3, 4)));
        Assert.Contains("Flatten: startDim 2 comes after endDim 1 for an input of shape [2, 3, 4]", e.Message);
        var r = Assert.Throws<ArgumentOutOfRangeException>(() => new Flatten(1).Forward(Tensor.Zeros(5)));
        Assert.Contains("Flatten: dim 1 is out of range for a tensor of rank 1", r.Message);
    }
}
