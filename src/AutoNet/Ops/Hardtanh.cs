using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = min(max(x, lo), hi), NaN kept: the values of <see cref="Clamp"/> (PyTorch's hardtanh is clamp); ReLU6 is
/// Hardtanh(0, 6) as in PyTorch.
/// d/dx = 1 strictly inside (lo, hi), 0 at and beyond the bounds (PyTorch's hardtanh_backward tests x ≤ lo or
/// x ≥ hi, unlike clamp's, which keeps the bounds; a NaN input passes the gradient through): grad_x = grad * mask.
/// </summary>
internal sealed class Hardtanh : Node
{
    private readonly SavedTensor _mask;

    private Hardtanh(Tensor mask) => _mask = Save(mask);

    public static Tensor Forward(Tensor x, double min, double max)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
            throw new ArgumentException($"Hardtanh: expected minVal <= maxVal (and neither NaN), got minVal {min} and maxVal {max}.");
        x = x.Contiguous();
        var y = Elementwise.Map(x, new Clamp.Kernel(min, max));
        return ShouldRecord(x) ? new Hardtanh(Elementwise.Map(x, new InsideKernel(min, max))).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _mask.Value];

    /// <summary>0 where x ≤ lo or x ≥ hi, else 1 (NaN gives 1).</summary>
    private readonly struct InsideKernel(double min, double max) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T lo = T.CreateTruncating(min), hi = T.CreateTruncating(max);
            for (int i = 0; i < x.Length; i++) y[i] = x[i] <= lo || x[i] >= hi ? T.Zero : T.One;
        }
    }
}
