// The worked example of docs/write-your-own-op.md: the page walks through this file.
using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = softplus(x) = log(1 + e^(βx)) / β, computed as (max(βx, 0) + log(1 + e^-|βx|)) / β so that e^(βx) never
/// overflows; above the threshold (βx &gt; threshold) y = x itself, as in PyTorch.
/// d/dx softplus(x) = e^(βx) / (1 + e^(βx)) = σ(βx), and exactly 1 above the threshold (where y = x), so
/// grad_x = grad * σ(βx) where βx ≤ threshold, grad above it.
/// </summary>
internal sealed class Softplus : Node
{
    private readonly SavedTensor _x;                 // what backward reads: the node owns it and frees it after backward
    private readonly double _beta, _threshold;

    private Softplus(Tensor x, double beta, double threshold)
    {
        _x = Save(x);                                // creating the node saves x (with its version)
        (_beta, _threshold) = (beta, threshold);
    }

    public static Tensor Forward(Tensor x, double beta = 1, double threshold = 20)
    {
        var y = Elementwise.Map(x, new Kernel(beta, threshold)); // compute the values
        if (!ShouldRecord(x)) return y;                            // nobody needs a gradient: record nothing
        var node = new Softplus(x, beta, threshold);               // create the node, which saves x
        return node.Attach(y, [x]);                                // then attach it: y.GradFn = node, node.Inputs = [x]
    }

    // grad · σ(βx) where βx ≤ threshold, grad itself above it (`below` is a constant 0/1 tensor)
    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var x = _x.Value;
        var below = Elementwise.Map(x, new Below(_beta, _threshold));
        return [grad * ((x * _beta).Sigmoid() * below + (1.0 - below))];
    }

    private readonly struct Kernel(double beta, double threshold) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T b = T.CreateTruncating(beta), t = T.CreateTruncating(threshold);
            for (int i = 0; i < x.Length; i++)
            {
                T bx = x[i] * b;
                y[i] = bx > t ? x[i] : (T.Max(bx, T.Zero) + SpecialFunctions.Log1pExpMinusAbs(bx)) / b;
            }
        }
    }

    /// <summary>1 where the forward used the formula (βx not above the threshold), 0 where it returned x.</summary>
    private readonly struct Below(double beta, double threshold) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T b = T.CreateTruncating(beta), t = T.CreateTruncating(threshold);
            for (int i = 0; i < x.Length; i++) y[i] = x[i] * b > t ? T.Zero : T.One;
        }
    }
}
