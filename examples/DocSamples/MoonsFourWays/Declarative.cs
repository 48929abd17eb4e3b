using AutoNet;
using AutoNet.Nn;

namespace DocSamples.MoonsFourWays;

/// <summary>Way 3: layers, a loss module and autograd, as examples/Moons trains the network.</summary>
public static class Declarative
{
    public static MoonsGradients EpochZeroGradients()
    {
        var (X, y) = SeedSetup.Data();
        var (model, hidden, output) = SeedModel();

        var loss = new BCELoss().Forward(model.Forward(X), y);
        loss.Backward();

        // Back to the seed's layout to compare: transpose the weight gradients, reshape the bias gradients.
        return new MoonsGradients(hidden.Weight.Grad!.T, hidden.Bias!.Grad!.Reshape(1, 4),
                                  output.Weight.Grad!.T, output.Bias!.Grad!.Reshape(1, 1));
    }

    /// <summary>The seed's network as a Sequential, holding the seed's initial weights.</summary>
    public static (Sequential Model, Linear Hidden, Linear Output) SeedModel()
    {
        var (W1, b1, W2, b2) = SeedSetup.InitialWeights();

        var hidden = new Linear(2, 4);
        var output = new Linear(4, 1);
        var model = new Sequential(hidden, new ReLU(), output, new Sigmoid());
        using (Autograd.NoGrad())
        {
            // Linear keeps its weight as [out, in] and computes x @ W.T + b, so it holds the seed's W transposed.
            hidden.Weight.CopyFrom(W1.T);
            hidden.Bias!.CopyFrom(b1.Reshape(4));
            output.Weight.CopyFrom(W2.T);
            output.Bias!.CopyFrom(b2.Reshape(1));
        }
        return (model, hidden, output);
    }
}
