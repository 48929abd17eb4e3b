using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Smoke tests that libtorch's native libraries load in the test host and compute in float64.
/// If these fail with a TypeInitializationException on Linux, see build/TorchSharpNativeFix.targets.
/// </summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void SumOfFloat64TensorIsSix()
    {
        using var tensor = torch.tensor(new double[] { 1, 2, 3 });
        using var sum = tensor.sum();

        Assert.Equal(6.0, sum.item<double>());
    }

    [Fact]
    public void Float64DtypeRoundTrips()
    {
        // 0.1 and 1e-300 are not representable in float32: any narrowing would change them.
        double[] values = { 0.1, -2.5, 1e-300 };

        using var tensor = torch.tensor(values);
        using var sum = tensor.sum();

        Assert.Equal(torch.ScalarType.Float64, tensor.dtype);
        Assert.Equal(torch.ScalarType.Float64, sum.dtype);
        Assert.Equal(values, tensor.data<double>().ToArray());
    }
}
