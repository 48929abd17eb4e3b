using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x where x &gt; 0, else negativeSlope · x; NaN stays NaN.
/// d/dx = 1 where x &gt; 0, else negativeSlope (0 counts as negative, as PyTorch's leaky_relu_backward), so
/// grad_x = grad * slope(x).
/// </summary>
internal sealed class LeakyRelu : Node
{
    private readonly SavedTensor _slope;
    private readonly double _negativeSlope;

    private LeakyRelu(Tensor slope, double negativeSlope)
    {
        _slope = Save(slope);
        _negativeSlope = negativeSlope;
    }

    public static Tensor Forward(Tensor x, double negativeSlope)
    {
        if (!double.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, $"LeakyReLU: negativeSlope must be a finite number, got {negativeSlope}.");
        var y = Elementwise.Map(x, new Kernel(negativeSlope));
        return ShouldRecord(x) ? new LeakyRelu(Elementwise.Map(x, new SlopeKernel(negativeSlope)), negativeSlope).Attach(y, [x]) : y;
    }

    public override string Name => $"LeakyRelu({_negativeSlope})";

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _slope.Value];

    private readonly struct Kernel(double negativeSlope) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T a = T.CreateTruncating(negativeSlope);
            for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : x[i] * a;
        }
    }

    private readonly struct SlopeKernel(double negativeSlope) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T a = T.CreateTruncating(negativeSlope);
            for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : a;
        }
    }
}
