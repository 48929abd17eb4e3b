using AutoNet;

namespace DocSamples.MoonsFourWays;

/// <summary>Way 2: the same forward on raw tensors, with autograd doing the backward.</summary>
public static class RawAutograd
{
    public static MoonsGradients EpochZeroGradients()
    {
        var (X, y) = SeedSetup.Data();
        var (W1, b1, W2, b2) = SeedSetup.InitialWeights();
        foreach (var w in new[] { W1, b1, W2, b2 }) w.RequiresGrad = true; // record everything computed from them

        var A1 = (X.MatMul(W1) + b1).Relu();
        var A2 = (A1.MatMul(W2) + b2).Sigmoid();
        var loss = F.BinaryCrossEntropy(A2, y);   // mean of -(y log A2 + (1 - y) log(1 - A2))

        loss.Backward();                          // fills W1.Grad, b1.Grad, W2.Grad, b2.Grad
        return new MoonsGradients(W1.Grad!, b1.Grad!, W2.Grad!, b2.Grad!);
    }
}
