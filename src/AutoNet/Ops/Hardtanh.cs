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
        return ShouldRecord(x) ? new Hardtanh(Elementwise.Map(x, new Clamp.MaskKernel(min, max, inclusive: false))).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _mask.Value];
}
