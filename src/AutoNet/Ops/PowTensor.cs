using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = a^b elementwise for a tensor exponent, broadcasting (a number raised to a tensor is a 0-d a).
/// ∂y/∂a = b · a^(b-1) and ∂y/∂b = a^b · ln a, with PyTorch 1.13's rules (pow_backward_self/_exponent):
/// grad_a = where(b == 0, 0, grad * (b * a^(b-1))) — so 0^0 has gradient 0 for a, 0^b with 0 &lt; b &lt; 1 gives +inf;
/// grad_b = grad * where(a == 0 and b ≥ 0, 0, y * ln a) — so 0^b gives 0 for b ≥ 0 and -inf for b &lt; 0, and a
/// negative base gives NaN (ln a is NaN), as in PyTorch. The engine sums a broadcast input's gradient to its shape.
/// </summary>
internal sealed class PowTensor : Node
{
    private readonly SavedTensor _a, _b, _result;

    private PowTensor(Tensor a, Tensor b, Tensor y)
    {
        _a = Save(a);
        _b = Save(b);
        _result = Save(y);
    }

    public override string Name => "Pow";

    public static Tensor Forward(Tensor a, Tensor b)
    {
        (a, b, var shape) = Broadcasting.Prepare(a, b, "Pow");
        (a, b) = (a.Contiguous(), b.Contiguous());
        var y = Elementwise.Binary(a, b, shape, default(Kernel));
        return ShouldRecord(a, b) ? new PowTensor(a, b, y).Attach(y, [a, b]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        Tensor a = _a.Value, b = _b.Value;
        Tensor? ga = null, gb = null;
        if (NeedsInputGrad(0))
            ga = ZeroWhere.Forward(grad * (b * a.Pow(b - 1.0)), Elementwise.Map(b, default(ZeroWhere.IsZero)));
        if (NeedsInputGrad(1))
        {
            var zeroBase = Elementwise.Binary(a, b, Internal.ShapeUtil.Broadcast(a.ShapeArray, b.ShapeArray, "Pow"), default(ZeroBaseNonNegativeExponent));
            gb = grad * ZeroWhere.Forward(_result.Value * a.Log(), zeroBase);
        }
        return [ga, gb];
    }

    private readonly struct Kernel : IBinaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = T.Pow(a[i], b[i]);
        }

        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = T.Pow(a[i], b);
        }

        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = T.Pow(a, b[i]);
        }
    }

    /// <summary>1 where a == 0 and b ≥ 0 (b's gradient is 0 there), else 0.</summary>
    private readonly struct ZeroBaseNonNegativeExponent : IBinaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = a[i] == T.Zero && b[i] >= T.Zero ? T.One : T.Zero;
        }

        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = a[i] == T.Zero && b >= T.Zero ? T.One : T.Zero;
        }

        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = a == T.Zero && b[i] >= T.Zero ? T.One : T.Zero;
        }
    }
}
