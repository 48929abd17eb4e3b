using Xunit;
using System.Text.Json;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;

namespace AutoNet.Tests.Seed;

/// <summary>The seed notebook's moons network built the way examples/Moons builds it, plus the reference run.</summary>
internal sealed class SeedModel
{
    public static readonly JsonDocument Reference = Fixtures.Load("seed", "seed-moons-run.json");

    public Tensor X { get; }
    public Tensor Y { get; }
    public Linear Hidden { get; } = new(2, 4);
    public Linear Output { get; } = new(4, 1);
    public Sequential Model { get; }

    public SeedModel()
    {
        var (x, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
        X = x;
        Y = labels.Reshape(-1, 1);
        Model = new Sequential(Hidden, new ReLU(), Output, new AutoNet.Nn.Sigmoid());
        var rng = new NumPyRandomState(42);
        var w1 = rng.Randn(2, 4) * 0.01;
        var w2 = rng.Randn(4, 1) * 0.01;
        using (Autograd.NoGrad())
        {
            Hidden.Weight.CopyFrom(w1.T);
            Hidden.Bias!.CopyFrom(Tensor.Zeros(4));
            Output.Weight.CopyFrom(w2.T);
            Output.Bias!.CopyFrom(Tensor.Zeros(1));
        }
    }

    /// <summary>A reference matrix in the notebook's [in, out] layout, e.g. ("init", "W1").</summary>
    public static double[] Ref(string section, string name) => Fixtures.Flat(Reference.RootElement.GetProperty(section).GetProperty(name));
}
