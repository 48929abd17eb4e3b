using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class LogSoftmaxTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Forward_and_gradients_match_PyTorch(int dim)
    {
        var layer = new AutoNet.Nn.LogSoftmax(dim);
        double err = TorchGolden.Check(TorchGolden.Case($"log_softmax_dim{dim}"), x => layer.Forward(x["input"]));
        output.WriteLine($"log_softmax dim {dim}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Extreme_logits_give_exact_finite_values()
    {
        var y = new AutoNet.Nn.LogSoftmax(1).Forward(Tensor.From([1000.0, -1000, 0], 1, 3)).ToArray();
        Assert.Equal(new[] { 0.0, -2000, -1000 }, y);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        GradAssert.Passes(x => new AutoNet.Nn.LogSoftmax(-1).Forward(x[0]), Leaves.Normal(new NumPyRandomState(4), 2, 3, 4));
    }

    [Fact]
    public void Summary() => Assert.Equal("LogSoftmax(dim=-1)", new AutoNet.Nn.LogSoftmax(-1).ToString());
}
