using AutoNet.Data;

namespace AutoNet.Benchmarks;

/// <summary>
/// The seed notebook's problem: make_moons(200, noise=0.2, random_state=42) and the weights drawn by
/// np.random.seed(42); randn(2, 4) * 0.01; randn(4, 1) * 0.01 (NumPy layout [in, out]), zero biases.
/// Every moons workload starts from these same values.
/// </summary>
public sealed class MoonsData
{
    public const int Samples = 200, Inputs = 2, Hidden = 4;
    public const double LearningRate = 0.1;

    public MoonsData()
    {
        var (x, labels) = Datasets.MakeMoons(Samples, noise: 0.2, randomState: 42);
        X = x.ToArray();
        Y = labels.ToArray();
        var rng = new NumPyRandomState(42);
        W1 = (rng.Randn(Inputs, Hidden) * 0.01).ToArray();
        W2 = (rng.Randn(Hidden, 1) * 0.01).ToArray();
    }

    /// <summary>Inputs, [200, 2] row-major.</summary>
    public double[] X { get; }

    /// <summary>Labels 0/1, [200].</summary>
    public double[] Y { get; }

    /// <summary>First layer weight in NumPy layout [2, 4] row-major.</summary>
    public double[] W1 { get; }

    /// <summary>Second layer weight in NumPy layout [4, 1].</summary>
    public double[] W2 { get; }

    /// <summary>W1 transposed to PyTorch's Linear layout [out, in] = [4, 2].</summary>
    public double[] W1OutIn()
    {
        var t = new double[Hidden * Inputs];
        for (int i = 0; i < Inputs; i++)
            for (int j = 0; j < Hidden; j++) t[j * Inputs + i] = W1[i * Hidden + j];
        return t;
    }
}
