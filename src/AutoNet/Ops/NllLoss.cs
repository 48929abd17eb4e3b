using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The negative log-likelihood of PyTorch's nll_loss on an input seen as [N, C, S] (class dim in the middle):
/// ℓᵢ = -w[yᵢ] · x[n, yᵢ, s] for each target i = (n, s), and 0 where yᵢ is the ignore index; reduced to
/// ℓ (None, N·S values), Σ ℓ (Sum) or Σ ℓ / W (Mean) with W = Σ w[yᵢ] over the targets not ignored (PyTorch's
/// total_weight: 0/0 = NaN when every target is ignored).
/// ∂ℓᵢ/∂x[n, c, s] = -w[yᵢ] where c = yᵢ (not ignored), else 0; the mean divides by W. So grad_x = grad (broadcast
/// over C) · k with k the constant [N, C, S] tensor holding -w[yᵢ] (/W for the mean) at the picked places: the op is
/// linear in x, so the gradient is recorded (grad · k) and the second derivative is 0. Where every target is ignored
/// k is all 0 and so is the gradient, as PyTorch's.
/// </summary>
internal sealed class NllLoss : Node
{
    private readonly SavedTensor _k;
    private readonly bool _perElement;

    private NllLoss(Tensor k, bool perElement) => (_k, _perElement) = (Save(k), perElement);

    /// <summary>The loss of <paramref name="x"/> ([N, C, S], checked by the caller against <paramref name="t"/>).</summary>
    public static Tensor Forward(Tensor x, ClassTargets t, Reduction reduction)
    {
        x = x.Contiguous();
        var y = x.DType == DType.Float32 ? Run<float>(x, t, reduction) : Run<double>(x, t, reduction);
        if (!ShouldRecord(x)) return y;
        var k = Tensor.ZeroFilled(x.ShapeArray, x.DType);
        double scale = reduction == Reduction.Mean ? 1 / t.TotalWeight : 1;
        for (int i = 0; i < t.Flat.Length; i++)
        {
            int c = t.Flat[i];
            if (c == t.IgnoreIndex) continue;
            int at = Picked(t, i, c);
            double v = -(t.Weight?[c] ?? 1) * scale;
            if (x.DType == DType.Float32) k.Span<float>()[at] = (float)v;
            else k.Span<double>()[at] = v;
        }
        return new NllLoss(k, reduction == Reduction.None).Attach(y, [x]);
    }

    public override string Name => "NllLoss";

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var k = _k.Value;
        // Per element: grad [N·S] placed as [N, 1, S] to broadcast over the classes; reduced: a 0-d grad scales k.
        return [(_perElement ? grad.Reshape(k.ShapeArray[0], 1, k.ShapeArray[2]) : grad) * k];
    }

    /// <summary>The flat position of x[n, c, s] for target i = n·S + s.</summary>
    private static int Picked(ClassTargets t, int i, int c) => (i / t.S * t.C + c) * t.S + i % t.S;

    private static Tensor Run<T>(Tensor x, ClassTargets t, Reduction reduction) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = x.Span<T>();
        var losses = new double[t.Flat.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            int c = t.Flat[i];
            losses[i] = c == t.IgnoreIndex ? 0 : -(t.Weight?[c] ?? 1) * double.CreateTruncating(xs[Picked(t, i, c)]);
        }
        if (reduction == Reduction.None)
        {
            var y = Tensor.ZeroFilled([losses.Length], x.DType);
            var ys = y.Span<T>();
            for (int i = 0; i < losses.Length; i++) ys[i] = T.CreateTruncating(losses[i]);
            return y;
        }
        double sum = Summation.Sum<double>(losses);
        return Tensor.Scalar(reduction == Reduction.Mean ? sum / t.TotalWeight : sum, x.DType);
    }
}
