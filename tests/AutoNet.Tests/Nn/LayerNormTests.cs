using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

public class LayerNormTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("layer_norm_5")]
    [InlineData("layer_norm_4_5")]
    [InlineData("layer_norm_5_no_affine_eps_0.1")]
    public void Forward_and_gradients_match_PyTorch(string name)
    {
        var c = TorchGolden.Case(name);
        var options = c.GetProperty("options");
        var shape = options.GetProperty("normalized_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        double eps = options.GetProperty("eps").GetDouble();
        var layer = new LayerNorm(shape, eps, elementwiseAffine: c.GetProperty("params").EnumerateObject().Any());
        var parameters = TorchGolden.LoadParameters(layer, c.GetProperty("params"));
        double err = TorchGolden.Check(c, x => layer.Forward(x["input"]), parameters);
        output.WriteLine($"{name}: max relative error vs PyTorch {err:E2}");
    }

    [Fact]
    public void Starts_as_plain_normalisation_with_ones_and_zeros()
    {
        var layer = new LayerNorm(4);
        Assert.Equal(new[] { "weight", "bias" }, layer.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal(new[] { 1.0, 1, 1, 1 }, layer.Weight!.ToArray());
        var y = layer.Forward(Tensor.From([1.0, 2, 3, 4, 10, 10, 10, 10], 2, 4)).ToArray();
        double s = Math.Sqrt(1.25 + 1e-5);
        Assert.Equal(new[] { -1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s }, y[..4], new ToleranceComparer(1e-15));
        Assert.Equal(new[] { 0.0, 0, 0, 0 }, y[4..]);
        Assert.Empty(new LayerNorm(4, elementwiseAffine: false).Parameters());
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        var rng = new NumPyRandomState(6);
        var x = Leaves.Normal(rng, 2, 3, 4);
        var w = Leaves.Normal(rng, 3, 4);
        var b = Leaves.Normal(rng, 3, 4);
        GradAssert.Passes(t => F.LayerNorm(t[0], [3, 4], t[1], t[2]), x, w, b);
    }

    [Fact]
    public void Wrong_trailing_shape_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new LayerNorm([4, 5]).Forward(Tensor.Zeros(3, 4, 6)));
        Assert.Contains("LayerNorm: expected input of shape [*, 4, 5] (ending in normalizedShape [4, 5]), got shape [3, 4, 6]", e.Message);
        Assert.Throws<ArgumentException>(() => new LayerNorm([]));
    }

    [Fact]
    public void Summary_is_PyTorch_like() =>
        Assert.Equal("LayerNorm((5,), eps=1e-05, elementwise_affine=True)", new LayerNorm(5).ToString());

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double obj) => 0;
    }
}
