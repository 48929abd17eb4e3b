// The worked example of docs/write-your-own-op.md: the page walks through this file.
using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = softplus(x) = log(1 + eˣ), computed as max(x, 0) + log(1 + e^-|x|) so that eˣ never overflows.
/// d/dx softplus(x) = eˣ / (1 + eˣ) = σ(x), so grad_x = grad * sigmoid(x).
/// (PyTorch returns x itself above its threshold of 20; this exact formula differs from that by at most 2.1e-9 there.)
/// </summary>
internal sealed class Softplus : Node
{
    private readonly SavedTensor _x;                 // what backward reads: the node owns it and frees it after backward

    private Softplus(Tensor x) => _x = Save(x);      // creating the node saves x (with its version)

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel)); // compute the values
        if (!ShouldRecord(x)) return y;              // nobody needs a gradient: record nothing
        var node = new Softplus(x);                  // create the node, which saves x
        return node.Attach(y, [x]);                  // then attach it: y.GradFn = node, node.Inputs = [x]
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _x.Value.Sigmoid()]; // grad · σ(x)

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = T.Max(x[i], T.Zero) + SpecialFunctions.Log1pExpMinusAbs(x[i]);
        }
    }
}
