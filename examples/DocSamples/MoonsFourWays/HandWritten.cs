using AutoNet;

namespace DocSamples.MoonsFourWays;

/// <summary>Way 1: the seed notebook's forward and hand-written backward, line for line, on AutoNet tensors.
/// Nothing requires grad, so nothing is recorded: this is NumPy-style code.</summary>
public static class HandWritten
{
    public static MoonsGradients EpochZeroGradients()
    {
        var (X, y) = SeedSetup.Data();
        var (W1, b1, W2, b2) = SeedSetup.InitialWeights();

        // forward(X, W1, b1, W2, b2)
        var Z1 = X.MatMul(W1) + b1;
        var A1 = Z1.Relu();
        var Z2 = A1.MatMul(W2) + b2;
        var A2 = Z2.Sigmoid();

        // backward(X, y, Z1, A1, A2, W2): the formulas worked out by hand
        int m = X.Shape[0];
        var dZ2 = A2 - y;
        var dW2 = A1.T.MatMul(dZ2) / m;
        var db2 = dZ2.Sum(0, keepDim: true) / m;
        var dZ1 = dZ2.MatMul(W2.T) * ReluDerivative(Z1);
        var dW1 = X.T.MatMul(dZ1) / m;
        var db1 = dZ1.Sum(0, keepDim: true) / m;
        return new MoonsGradients(dW1, db1, dW2, db2);
    }

    /// <summary>relu_derivative(z) = (z > 0).astype(float). AutoNet has no comparison op, so read the values.</summary>
    private static Tensor ReluDerivative(Tensor z) =>
        Tensor.From(z.ToArray().Select(v => v > 0 ? 1.0 : 0.0).ToArray(), [.. z.Shape]);
}
