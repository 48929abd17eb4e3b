using AutoNet.Kernels;

namespace AutoNet.Optim;

/// <summary>
/// Gradient clipping, applied to the gradients of parameters in place between <c>Backward()</c> and
/// <c>optimizer.Step()</c>. PyTorch: <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>.
/// </summary>
public static class GradClipping
{
    /// <summary>
    /// Scales all gradients together so that their total norm — the norm of the vector made by concatenating
    /// them — is at most <paramref name="maxNorm"/>: with
    /// <c>total = ‖(‖g₁‖, ‖g₂‖, ...)‖</c>, every gradient is multiplied by <c>min(1, maxNorm / (total + 1e-6))</c>,
    /// as PyTorch does (so a gradient already within bounds is multiplied by exactly 1). Parameters without a
    /// gradient are skipped. PyTorch: <c>torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type)</c>.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients to clip (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="maxNorm">The largest allowed total norm, &gt;= 0.</param>
    /// <param name="normType">The p of the p-norm: a number &gt; 0, or <see cref="double.PositiveInfinity"/> for the largest
    /// absolute value.</param>
    /// <returns>The total norm of the gradients before clipping (0 when none has a gradient); NaN or infinity when a
    /// gradient holds one (the gradients are then scaled by NaN or 0, as in PyTorch).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is negative or NaN, or
    /// <paramref name="normType"/> is not &gt; 0.</exception>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (double.IsNaN(maxNorm) || maxNorm < 0)
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"ClipGradNorm: maxNorm must be >= 0, got {maxNorm}.");
        if (double.IsNaN(normType) || normType <= 0)
            throw new ArgumentOutOfRangeException(nameof(normType), normType,
                $"ClipGradNorm: normType must be > 0 (or double.PositiveInfinity), got {normType}.");
        var grads = Gradients(parameters);
        if (grads.Count == 0) return 0.0;

        bool allFloat32 = grads.All(g => g.DType == DType.Float32);
        var norms = grads.Select(g => g.DType == DType.Float32 ? (float)Norm(g.ToArray(), normType) : Norm(g.ToArray(), normType)).ToArray();
        double total = norms.Length == 1 ? norms[0] : Norm(norms, normType);   // torch.norm(torch.stack(norms), norm_type)
        if (allFloat32) total = (float)total;

        double coefficient = maxNorm / (total + 1e-6);                         // clip_coef = max_norm / (total_norm + 1e-6)
        if (allFloat32) coefficient = (float)maxNorm / (float)((float)total + 1e-6f);
        if (coefficient > 1.0) coefficient = 1.0;                              // torch.clamp(clip_coef, max=1.0)
        foreach (var g in grads)                                               // g.detach().mul_(clip_coef_clamped)
        {
            var dense = Ops.Contiguous.Values(g);                               // a Grad the user set may be a view
            if (g.DType == DType.Float32)
            {
                var s = dense.Span<float>();
                float c = (float)coefficient;
                for (int i = 0; i < s.Length; i++) s[i] *= c;
            }
            else
            {
                var s = dense.Span<double>();
                for (int i = 0; i < s.Length; i++) s[i] *= coefficient;
            }
            if (!ReferenceEquals(dense, g)) Ops.Contiguous.Write(g, dense);
            g.BumpVersion();
        }
        return total;
    }

    /// <summary>
    /// Clamps every gradient element to [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place.
    /// PyTorch: <c>torch.nn.utils.clip_grad_value_(parameters, clip_value)</c>.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients to clip.</param>
    /// <param name="clipValue">The largest allowed absolute value, &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is negative or NaN.</exception>
    public static void ClipGradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (double.IsNaN(clipValue) || clipValue < 0)
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, $"ClipGradValue: clipValue must be >= 0, got {clipValue}.");
        foreach (var g in Gradients(parameters))
        {
            var dense = Ops.Contiguous.Values(g);
            if (g.DType == DType.Float32)
            {
                var s = dense.Span<float>();
                float c = (float)clipValue;
                for (int i = 0; i < s.Length; i++) s[i] = float.IsNaN(s[i]) ? s[i] : Math.Clamp(s[i], -c, c);
            }
            else
            {
                var s = dense.Span<double>();
                for (int i = 0; i < s.Length; i++) s[i] = double.IsNaN(s[i]) ? s[i] : Math.Clamp(s[i], -clipValue, clipValue);
            }
            if (!ReferenceEquals(dense, g)) Ops.Contiguous.Write(g, dense);
            g.BumpVersion();
        }
    }

    private static List<Tensor> Gradients(IEnumerable<Tensor> parameters)
    {
        var grads = new List<Tensor>();
        int i = 0;
        foreach (var p in parameters)
        {
            if (p is null) throw new ArgumentNullException(nameof(parameters), $"GradClipping: parameter {i} is null.");
            if (p.Grad is { } g) grads.Add(g);
            i++;
        }
        return grads;
    }

    /// <summary>The p-norm of <paramref name="values"/>: (Σ|x|^p)^(1/p); the largest |x| for p = ∞; √(Σx²) for p = 2.</summary>
    private static double Norm(IReadOnlyList<double> values, double p)
    {
        if (double.IsPositiveInfinity(p))
        {
            double max = 0;
            foreach (double x in values)
            {
                if (double.IsNaN(x)) return double.NaN;
                max = Math.Max(max, Math.Abs(x));
            }
            return max;
        }
        var terms = new double[values.Count];
        for (int i = 0; i < terms.Length; i++)
            terms[i] = p == 2 ? values[i] * values[i] : p == 1 ? Math.Abs(values[i]) : Math.Pow(Math.Abs(values[i]), p);
        double sum = Summation.Sum<double>(terms);   // pairwise, as every sum
        return p == 2 ? Math.Sqrt(sum) : p == 1 ? sum : Math.Pow(sum, 1 / p);
    }
}
