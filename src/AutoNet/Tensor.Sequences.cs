using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>The n × n identity matrix. PyTorch: <c>torch.eye(n)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is negative.</exception>
    public static Tensor Eye(int n, DType dtype = DType.Float64) => Eye(n, n, dtype);

    /// <summary>The n × m matrix with ones on the main diagonal and zeros elsewhere. PyTorch: <c>torch.eye(n, m)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n or m is negative.</exception>
    public static Tensor Eye(int n, int m, DType dtype = DType.Float64)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"Tensor.Eye: n must be >= 0, got {n}.");
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, $"Tensor.Eye: m must be >= 0, got {m}.");
        var t = ZeroFilled([n, m], dtype.Checked("Tensor.Eye"), "Tensor.Eye");
        if (dtype == DType.Float32) Sequences.Eye(t.Span<float>(), n, m);
        else Sequences.Eye(t.Span<double>(), n, m);
        return t;
    }

    /// <summary>
    /// The 1-D tensor start, start + step, ... up to but not including <paramref name="end"/>: ⌈(end - start) / step⌉
    /// values, each start + i·step computed in double (PyTorch's length rule). PyTorch gives float32 (its default dtype)
    /// for float arguments, AutoNet float64 unless asked. PyTorch: <c>torch.arange(start, end, step)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A bound or the step is not finite, the step is 0, or its sign points away
    /// from end.</exception>
    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Float64)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end))
            throw new ArgumentException($"Tensor.Arange: unsupported range {start} -> {end}: both bounds must be finite.");
        if (step == 0 || !double.IsFinite(step))
            throw new ArgumentException($"Tensor.Arange: step must be finite and nonzero, got {step}.", nameof(step));
        if (step > 0 ? end < start : end > start)
            throw new ArgumentException(
                $"Tensor.Arange: step {step} points away from end: start {start}, end {end} (expected end >= start for a positive step, end <= start for a negative one).");
        double length = Math.Ceiling((end - start) / step);
        if (length > Array.MaxLength)
            throw new ArgumentException($"Tensor.Arange: {start} to {end} by {step} gives {length} values, more than a tensor holds ({Array.MaxLength}).");
        var t = Ops.Elementwise.Uninitialized([(int)length], dtype.Checked("Tensor.Arange"));
        if (dtype == DType.Float32) Sequences.Arange(t.Span<float>(), start, step);
        else Sequences.Arange(t.Span<double>(), start, step);
        return t;
    }

    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from start to end, both included (PyTorch's kernel: the first half
    /// counted from start, the second from end); float64 unless asked (PyTorch's default is float32).
    /// PyTorch: <c>torch.linspace(start, end, steps)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">steps is negative.</exception>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float64)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Tensor.Linspace: steps must be >= 0, got {steps}.");
        ShapeUtil.Count([steps], "Tensor.Linspace");
        var t = Ops.Elementwise.Uninitialized([steps], dtype.Checked("Tensor.Linspace"));
        if (dtype == DType.Float32) Sequences.Linspace(t.Span<float>(), start, end);
        else Sequences.Linspace(t.Span<double>(), start, end);
        return t;
    }
}
