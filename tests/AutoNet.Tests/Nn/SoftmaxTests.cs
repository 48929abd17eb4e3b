using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class SoftmaxTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Forward_and_gradients_match_PyTorch(int dim)
    {
        var layer = new AutoNet.Nn.Softmax(dim);
        double err = TorchGolden.Check(TorchGolden.Case($"softmax_dim{dim}"), x => layer.Forward(x["input"]));
        output.WriteLine($"softmax dim {dim}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Rows_sum_to_one_and_extreme_logits_stay_finite()
    {
        var y = new AutoNet.Nn.Softmax(1).Forward(Tensor.From([1000.0, -1000, 0, -1000, 1000, 1000], 2, 3)).ToArray();
        Assert.Equal(new[] { 1.0, 0, 0, 0, 0.5, 0.5 }, y);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        GradAssert.Passes(x => new AutoNet.Nn.Softmax(0).Forward(x[0]), Leaves.Normal(new NumPyRandomState(3), 4, 3));
    }

    [Fact]
    public void Summary_and_bad_dim()
    {
        Assert.Equal("Softmax(dim=1)", new AutoNet.Nn.Softmax(1).ToString());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AutoNet.Nn.Softmax(2).Forward(Tensor.Zeros(2, 3)));
        Assert.Contains("Softmax: dim 2 is out of range for a tensor of rank 2", e.Message);
    }
}
