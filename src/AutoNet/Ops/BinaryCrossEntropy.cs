using System.Numerics;
using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// The elementwise binary cross-entropy of probabilities p against targets y, as PyTorch computes it:
/// ℓ = (y - 1) · max(log(1 - p), -100) - y · max(log p, -100). Clamping each log at -100 keeps ℓ finite at p = 0 or 1.
/// A fused primitive (principle 2) so that its gradient is PyTorch's, finite at p = 0 and 1:
/// ∂ℓ/∂p = (p - y) / max((1 - p) p, 1e-12), ∂ℓ/∂y = max(log(1 - p), -100) - max(log p, -100).
/// </summary>
internal sealed class BinaryCrossEntropy : Node
{
    /// <summary>PyTorch's EPSILON in binary_cross_entropy_backward.</summary>
    private const double Epsilon = 1e-12;

    private Tensor _p = null!, _y = null!;

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
        var loss = Tensor.Empty(p.ShapeArray, p.DType);
        if (p.DType == DType.Float32) Compute<float>(p.Span<float>(), y.Span<float>(), loss.Span<float>());
        else Compute<double>(p.Span<double>(), y.Span<double>(), loss.Span<double>());
        if (!ShouldRecord(p, y)) return loss;
        var node = new BinaryCrossEntropy();
        node._p = node.Save(p);
        node._y = node.Save(y);
        return node.Attach(loss, [p, y]);
    }

    private static void Compute<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T minLog = T.CreateTruncating(-100.0);
        for (int i = 0; i < p.Length; i++)
        {
            T logP = T.Max(T.Log(p[i]), minLog);
            T log1mP = T.Max(T.LogP1(-p[i]), minLog);
            loss[i] = (y[i] - T.One) * log1mP - y[i] * logP;
        }
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad * (_p - _y) / ((1.0 - _p) * _p).Clamp(Epsilon, double.PositiveInfinity) : null,
        NeedsInputGrad(1) ? grad * ((1.0 - _p).Log().Clamp(-100, double.PositiveInfinity) - _p.Log().Clamp(-100, double.PositiveInfinity)) : null,
    ];

    protected internal override void Release()
    {
        base.Release();
        _p = _y = null!;
    }

    private static void CheckRange(Tensor t, string what)
    {
        for (int i = 0; i < t.Count; i++)
        {
            double v = t.GetFlat(i);
            if (!(v >= 0 && v <= 1))
                throw new ArgumentException(
                    $"BinaryCrossEntropy: every {what} value must be in [0, 1], got {v} at flat index {i} (shape {ShapeUtil.Format(t.ShapeArray)}).");
        }
    }
}
