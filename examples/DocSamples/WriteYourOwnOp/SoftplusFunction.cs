using AutoNet;

namespace DocSamples.WriteYourOwnOp;

/// <summary>
/// softplus(x) = log(1 + eˣ) as a user-defined op, outside the library: the forward is any code that computes the
/// numbers, the backward is the derivative written in tensor ops.
/// d/dx softplus(x) = eˣ / (1 + eˣ) = σ(x), so grad_x = grad * sigmoid(x).
/// </summary>
public sealed class SoftplusFunction : Autograd.Function
{
    private SavedTensor _x = null!;

    protected override Tensor Forward(Tensor[] inputs)
    {
        var x = inputs[0];
        _x = Save(x);   // backward will read x: the node keeps it, and frees it after backward
        // max(x, 0) + log(1 + e^-|x|): the same value as log(1 + eˣ), without overflow for large x
        double[] y = [.. x.ToArray().Select(v => Math.Max(v, 0) + double.LogP1(Math.Exp(-Math.Abs(v))))];
        return Tensor.From(y, [.. x.Shape]);
    }

    protected override Tensor?[] Backward(Tensor grad) => [grad * _x.Value.Sigmoid()];
}
