using AutoNet;
using AutoNet.Data;

namespace DocSamples.MoonsFourWays;

/// <summary>
/// The seed notebook's data and initial weights, in its layout: X [200, 2], y [200, 1], W1 [2, 4], b1 [1, 4],
/// W2 [4, 1], b2 [1, 1]. Every way of computing the epoch-0 gradients starts from these values.
/// </summary>
public static class SeedSetup
{
    public static (Tensor X, Tensor y) Data()
    {
        var (X, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42); // make_moons(200, noise=0.2, random_state=42)
        return (X, labels.Reshape(-1, 1));                                      // y.reshape(-1, 1)
    }

    public static (Tensor W1, Tensor b1, Tensor W2, Tensor b2) InitialWeights()
    {
        var rng = new NumPyRandomState(42);                                      // np.random.seed(42)
        var W1 = rng.Randn(2, 4) * 0.01;                                         // np.random.randn(2, 4) * 0.01
        var b1 = Tensor.Zeros(1, 4);
        var W2 = rng.Randn(4, 1) * 0.01;                                         // np.random.randn(4, 1) * 0.01
        var b2 = Tensor.Zeros(1, 1);
        return (W1, b1, W2, b2);
    }
}
