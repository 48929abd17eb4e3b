using System.Numerics;
using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// The elementwise binary cross-entropy of probabilities p against targets y, as PyTorch computes it:
/// ℓ = (y - 1) · max(log(1 - p), -100) - y · max(log p, -100). Clamping each log at -100 keeps ℓ finite at p = 0 or 1.
/// A fused primitive (one node, not a composition of ops) so that its gradients are PyTorch's (derivatives.yaml: binary_cross_entropy_backward
/// and binary_cross_entropy_target_backward), which ignore the clamp:
/// ∂ℓ/∂p = (p - y) / max((1 - p) p, ε) with ε = (float)1e-12, finite at p = 0 and 1;
/// ∂ℓ/∂y = -logit(p) = -log(p / (1 - p)), which is ±∞ at p = 0 or 1 and, for p &lt; e^-100 or 1 - p &lt; e^-100,
/// is not the derivative of the clamped ℓ (that would be max(log(1 - p), -100) - max(log p, -100)).
/// </summary>
internal sealed class BinaryCrossEntropy : Node
{
    /// <summary>PyTorch's EPSILON in binary_cross_entropy_backward, which is a float: (float)1e-12 =
    /// 9.999999960041972e-13, not 1e-12 (the gradient at p = 0 or 1 differs by 4e-9 relative otherwise).</summary>
    private const double Epsilon = (double)1e-12f;

    private readonly SavedTensor _p, _y;

    private BinaryCrossEntropy(Tensor p, Tensor y)
    {
        _p = Save(p);
        _y = Save(y);
    }

    public static Tensor Forward(Tensor p, Tensor y)
    {
        if (!p.ShapeArray.AsSpan().SequenceEqual(y.ShapeArray))
            throw new ArgumentException(
                $"BinaryCrossEntropy: input shape {ShapeUtil.Format(p.ShapeArray)} and target shape {ShapeUtil.Format(y.ShapeArray)} must be equal.");
        if (p.DType != y.DType)
            throw new ArgumentException(
                $"BinaryCrossEntropy: input is {p.DType.Name()} but target is {y.DType.Name()}; they must have the same dtype (convert with .To(DType)).");
        CheckRange(p, "input (probabilities)");
        CheckRange(y, "target");
        var loss = Tensor.ZeroFilled(p.ShapeArray, p.DType);
        Tensor pv = Contiguous.Values(p), yv = Contiguous.Values(y);
        if (p.DType == DType.Float32) Compute<float>(pv.Span<float>(), yv.Span<float>(), loss.Span<float>());
        else Compute<double>(pv.Span<double>(), yv.Span<double>(), loss.Span<double>());
        return ShouldRecord(p, y) ? new BinaryCrossEntropy(p, y).Attach(loss, [p, y]) : loss;
    }

    private static void Compute<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T minLog = T.CreateTruncating(-100.0);
        for (int i = 0; i < p.Length; i++)
        {
            T logP = T.Max(T.Log(p[i]), minLog);
            T log1mP = T.Max(T.Log(T.One - p[i]), minLog); // log(1 - p), not log1p(-p): PyTorch 1.13's formula
            loss[i] = (y[i] - T.One) * log1mP - y[i] * logP;
        }
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        Tensor p = _p.Value, y = _y.Value;
        return
        [
            NeedsInputGrad(0) ? grad * (p - y) / ((1.0 - p) * p).Clamp(Epsilon, double.PositiveInfinity) : null,
            NeedsInputGrad(1) ? grad * -(p / (1.0 - p)).Log() : null,
        ];
    }

    private static void CheckRange(Tensor t, string what)
    {
        var values = Contiguous.Values(t);
        int bad = t.DType == DType.Float32 ? FirstOutside<float>(values.Span<float>()) : FirstOutside<double>(values.Span<double>());
        if (bad >= 0)
            throw new ArgumentException(
                $"BinaryCrossEntropy: every {what} value must be in [0, 1], got {t.GetFlat(bad)} at flat index {bad} (shape {ShapeUtil.Format(t.ShapeArray)}).");
    }

    /// <summary>The index of the first value outside [0, 1] (NaN included), or -1.</summary>
    private static int FirstOutside<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= T.Zero && values[i] <= T.One)) return i;
        return -1;
    }
}
