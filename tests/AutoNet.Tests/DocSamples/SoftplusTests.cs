using System.Text.Json;
using Xunit;

namespace AutoNet.Tests.DocSamples;

/// <summary>The tests of docs/write-your-own-op.md's worked example: a gradient check and a PyTorch parity test.</summary>
public class SoftplusTests
{
    /// <summary>The gradient check: backward's gradient equals the slope measured by central differences,
    /// (f(x + ε) - f(x - ε)) / 2ε, for each element, within atol + rtol·|numerical|.</summary>
    [Fact]
    public void BackwardMatchesCentralDifferences()
    {
        const double eps = 1e-6, atol = 1e-5, rtol = 1e-3;
        double[] values = [-3.0, -0.5, 0.0, 0.7, 4.0];
        var x = Tensor.From(values, values.Length);
        x.RequiresGrad = true;

        x.Softplus().Sum().Backward();

        var analytical = x.Grad!.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            double F(double xi) => Tensor.From([xi], 1).Softplus().Item();
            double numerical = (F(values[i] + eps) - F(values[i] - eps)) / (2 * eps);
            Assert.True(Math.Abs(analytical[i] - numerical) <= atol + rtol * Math.Abs(numerical),
                $"softplus'({values[i]}): backward gives {analytical[i]}, central differences {numerical}");
        }
    }

    /// <summary>The parity test: values and gradients equal PyTorch's, recorded by Fixtures/softplus/record_softplus.py.</summary>
    [Fact]
    public void MatchesPyTorch()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "softplus", "softplus-torch.json")));
        double[] Read(string name) => [.. json.RootElement.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];
        var x = Tensor.From(Read("x"), Read("x").Length);
        x.RequiresGrad = true;

        var y = x.Softplus();
        y.Backward(Tensor.From(Read("upstream"), x.Count));

        AssertClose(Read("y"), y.ToArray());
        AssertClose(Read("grad"), x.Grad!.ToArray());
    }

    [Fact]
    public void NothingIsRecordedWithoutRequiresGrad()
    {
        var y = Tensor.From([1.0], 1).Softplus();

        Assert.Null(y.GradFn);
        Assert.Equal(Math.Log(1 + Math.E), y.Item(), 15);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-15 + 1e-14 * Math.Abs(expected[i]),
                $"element {i}: PyTorch {expected[i]:R}, AutoNet {actual[i]:R}");
    }
}
