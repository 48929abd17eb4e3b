using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The elementwise binary cross-entropy of logits x against targets y, with an optional positive-class weight pw
/// (broadcast to x's shape), as PyTorch defines it:
/// ℓ = (1 - y) · x + L · softplus(-x) with L = 1 + (pw - 1) · y and softplus(-x) = -log σ(x) (pw = 1 without a weight).
/// A fused primitive (one node, not a composition of ops) for stability: it is evaluated as
/// ℓ = (x ≥ 0 ? (1 - y) · x : pw · y · |x|) + L · log(1 + e^(-|x|)), the same value with every term ≥ 0, so it is
/// finite and accurate for any finite x (PyTorch 1.13's log(e^(-m) + e^(-x-m)) keeps 3 digits when ℓ ≈ 1e-13).
/// ∂ℓ/∂x = L · σ(x) - pw · y (PyTorch: (pw·y + 1 - y) · σ(x) - pw·y), evaluated for x ≥ 0 as the equal
/// (1 - y) - L · σ(-x), which does not cancel when σ(x) rounds to 1;
/// ∂ℓ/∂y = (pw - 1) · softplus(-x) - x (PyTorch: log(1 - σ(x)) - pw · log σ(x), the same value, without its overflow);
/// ∂ℓ/∂pw = y · softplus(-x) (PyTorch 1.13 refuses this gradient; AutoNet gives it).
/// </summary>
internal sealed class BinaryCrossEntropyWithLogits : Node
{
    private readonly SavedTensor _x, _y;
    private readonly SavedTensor? _pw;

    private BinaryCrossEntropyWithLogits(Tensor x, Tensor y, Tensor? pw)
    {
        _x = Save(x);
        _y = Save(y);
        _pw = pw is null ? null : Save(pw);
    }

    /// <summary>The per-element loss; <paramref name="y"/> has x's shape and dtype, <paramref name="pw"/> broadcasts to it.</summary>
    public static Tensor Forward(Tensor x, Tensor y, Tensor? pw)
    {
        var loss = Tensor.ZeroFilled(x.ShapeArray, x.DType);
        var pwFull = pw is null ? null
            : pw.ShapeArray.AsSpan().SequenceEqual(x.ShapeArray) ? Contiguous.Values(pw) : Elementwise.BroadcastTo(pw, x.ShapeArray);
        Tensor xv = Contiguous.Values(x), yv = Contiguous.Values(y);
        if (x.DType == DType.Float32) Compute<float>(xv.Span<float>(), yv.Span<float>(), pwFull is null ? default : pwFull.Span<float>(), loss.Span<float>());
        else Compute<double>(xv.Span<double>(), yv.Span<double>(), pwFull is null ? default : pwFull.Span<double>(), loss.Span<double>());
        bool record = GradMode.IsEnabled && (x.RequiresGrad || y.RequiresGrad || (pw?.RequiresGrad ?? false));
        return record ? new BinaryCrossEntropyWithLogits(x, y, pw).Attach(loss, pw is null ? [x, y] : [x, y, pw]) : loss;
    }

    private static void Compute<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> pw, Span<T> loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T p = pw.IsEmpty ? T.One : pw[i];
            T weight = pw.IsEmpty ? T.One : T.One + (p - T.One) * y[i];
            T linear = x[i] >= T.Zero ? (T.One - y[i]) * x[i] : p * y[i] * -x[i];
            loss[i] = linear + weight * SpecialFunctions.Log1pExpMinusAbs(x[i]);
        }
    }

    /// <summary>softplus(-x) in Tensor ops, so that the backward pass can itself be differentiated.</summary>
    private static Tensor SoftplusOfNegative(Tensor x) => (-x.Abs()).Exp().Log1p() + (-x).Relu();

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        Tensor x = _x.Value, y = _y.Value;
        Tensor? pw = _pw?.Value;
        Tensor? gx = null, gy = null, gpw = null;
        if (NeedsInputGrad(0))
        {
            // L·σ(x) - pw·y where x < 0, (1 - y) - L·σ(-x) where x ≥ 0: both branches are finite, so the constant
            // mask selects without NaN, and both have derivative L·σ'(x) for higher orders.
            var weight = pw is null ? null : pw * y + 1.0 - y;
            var positive = NonNegativeMask(x);
            var whereNegative = weight is null ? x.Sigmoid() - y : weight * x.Sigmoid() - pw! * y;
            var whereNonNegative = weight is null ? (1.0 - y) - (-x).Sigmoid() : (1.0 - y) - weight * (-x).Sigmoid();
            gx = grad * (positive * whereNonNegative + (1.0 - positive) * whereNegative);
        }
        if (NeedsInputGrad(1))
            gy = pw is null ? grad * -x : grad * ((pw - 1.0) * SoftplusOfNegative(x) - x);
        if (pw is not null && NeedsInputGrad(2))
            gpw = grad * y * SoftplusOfNegative(x);   // of x's shape: the engine sums it down to pw's
        return pw is null ? [gx, gy] : [gx, gy, gpw];
    }

    /// <summary>1 where x ≥ 0, else 0 (a constant: it has no gradient).</summary>
    private static Tensor NonNegativeMask(Tensor x)
    {
        var mask = Tensor.ZeroFilled(x.ShapeArray, x.DType);
        for (int i = 0; i < x.Count; i++)
            if (x.GetFlat(i) >= 0)
            {
                if (x.DType == DType.Float32) mask.Span<float>()[i] = 1; else mask.Span<double>()[i] = 1;
            }
        return mask;
    }

}
