using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = min(max(x, lo), hi); NaN stays NaN.
/// d/dx = 1 where lo ≤ x ≤ hi (boundaries included, as PyTorch's clamp_backward), else 0:
/// grad_x = grad * mask.
/// </summary>
internal sealed class Clamp : Node
{
    private readonly SavedTensor _mask;

    private Clamp(Tensor mask) => _mask = Save(mask);

    public static Tensor Forward(Tensor x, double min, double max)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
            throw new ArgumentException($"Clamp: expected min <= max (and neither NaN), got min {min} and max {max}.");
        var y = Elementwise.Map(x, new Kernel(min, max));
        return ShouldRecord(x) ? new Clamp(Elementwise.Map(x, new MaskKernel(min, max, inclusive: true))).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _mask.Value];

    /// <summary>min(max(x, lo), hi), NaN kept: the forward of Clamp and of Hardtanh.</summary>
    internal readonly struct Kernel(double min, double max) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T lo = T.CreateTruncating(min), hi = T.CreateTruncating(max);
            for (int i = 0; i < x.Length; i++)
                y[i] = T.IsNaN(x[i]) ? x[i] : x[i] < lo ? lo : x[i] > hi ? hi : x[i];
        }
    }

    /// <summary>
    /// The gradient mask, 1 or 0 per element: with <paramref name="inclusive"/>, 1 where lo ≤ x ≤ hi (Clamp: NaN gives 0);
    /// without, 1 unless x ≤ lo or x ≥ hi (Hardtanh: the bounds give 0, NaN gives 1).
    /// </summary>
    internal readonly struct MaskKernel(double min, double max, bool inclusive) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T lo = T.CreateTruncating(min), hi = T.CreateTruncating(max);
            if (inclusive)
                for (int i = 0; i < x.Length; i++) y[i] = x[i] >= lo && x[i] <= hi ? T.One : T.Zero;
            else
                for (int i = 0; i < x.Length; i++) y[i] = x[i] <= lo || x[i] >= hi ? T.Zero : T.One;
        }
    }
}
