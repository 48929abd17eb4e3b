// The worked example of docs/write-your-own-op.md. In the library this file would be src/AutoNet/Ops/Softplus.cs
// with `namespace AutoNet.Ops;`; it lives in the test project, which sees AutoNet's internals, so that the page's
// code compiles and is tested without adding an op the issues did not ask for.
using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Tests.DocSamples;

/// <summary>
/// y = softplus(x) = log(1 + eˣ), computed as max(x, 0) + log(1 + e^-|x|) so that eˣ never overflows.
/// d/dx softplus(x) = eˣ / (1 + eˣ) = σ(x), so grad_x = grad * sigmoid(x).
/// </summary>
internal sealed class Softplus : Node
{
    private Tensor _x = null!;

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel)); // compute the values
        if (!ShouldRecord(x)) return y;              // nobody needs a gradient: record nothing
        var node = new Softplus();
        node._x = node.Save(x);                      // backward will read x
        return node.Attach(y, [x]);                  // y.GradFn = node, node.Inputs = [x]
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _x.Sigmoid()];

    protected internal override void Release()
    {
        base.Release();
        _x = null!;
    }

    private readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = T.Max(x[i], T.Zero) + T.LogP1(T.Exp(-T.Abs(x[i])));
        }
    }
}

/// <summary>In the library this is one line in Tensor.Math.cs: <c>public Tensor Softplus() => Ops.Softplus.Forward(this);</c></summary>
internal static class SoftplusTensorExtensions
{
    public static Tensor Softplus(this Tensor x) => DocSamples.Softplus.Forward(x);
}
