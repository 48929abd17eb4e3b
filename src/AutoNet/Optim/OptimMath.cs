using System.Numerics;
using System.Runtime.CompilerServices;

namespace AutoNet.Optim;

/// <summary>
/// Element loops shared by the optimisers, generic over float64 / float32. Each mirrors a sequence of PyTorch
/// in-place tensor ops element by element (an elementwise op rounds each element on its own, so running the
/// sequence per element gives the same values as running each op over the whole tensor). Scalars are rounded to
/// the element type first, as PyTorch does when it applies a Python float to a tensor. PyTorch's CPU kernels
/// (AVX2 build, GCC) compute <c>add(other, alpha)</c> and <c>addcmul</c> as fused multiply-adds, so these do too:
/// with that, Adam, AdamW, RMSprop and Adagrad agree with PyTorch 1.13 bit for bit (tests/…/TorchTrajectoryTests).
/// </summary>
internal static class OptimMath
{
    /// <summary>Converts a double scalar to the element type (PyTorch: a Python float applied to a tensor).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T S<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);

    /// <summary>PyTorch's <c>a.add(b, alpha=alpha)</c> for one element: a + alpha · b, rounded once (fused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T AddScaled<T>(T a, T b, T alpha) where T : IFloatingPointIeee754<T> => T.FusedMultiplyAdd(alpha, b, a);

    /// <summary>
    /// <c>a.add(b, alpha=alpha)</c> with the product rounded before the add: a + (alpha · b). SGD's last step
    /// uses it, as the NumPy seed notebook (<c>W -= lr * dW</c>) that the moons example reproduces does; PyTorch's
    /// fused form (<see cref="AddScaled{T}"/>) differs from it by at most one rounding per step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T AddProduct<T>(T a, T b, T alpha) where T : IFloatingPointIeee754<T> => a + alpha * b;

    /// <summary>PyTorch's <c>a.addcmul(t1, t2, value=value)</c> for one element: a + (value · t1) · t2, the last
    /// multiply and the add fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T AddCMul<T>(T a, T t1, T t2, T value) where T : IFloatingPointIeee754<T> => T.FusedMultiplyAdd(value * t1, t2, a);

    /// <summary>PyTorch's <c>a.addcdiv(t1, t2, value=value)</c> for one element: a + (value · t1) / t2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T AddCDiv<T>(T a, T t1, T t2, T value) where T : IFloatingPointIeee754<T> => a + value * t1 / t2;

    /// <summary>
    /// One Adam / AdamW step over one parameter (PyTorch 1.13 <c>_single_tensor_adam</c> /
    /// <c>_single_tensor_adamw</c>, not capturable), after the step count was incremented to <paramref name="step"/>.
    /// </summary>
    /// <param name="p">The parameter's elements (changed in place).</param>
    /// <param name="g">The gradient's elements.</param>
    /// <param name="m">First moment, <c>exp_avg</c> (changed in place).</param>
    /// <param name="v">Second moment, <c>exp_avg_sq</c> (changed in place).</param>
    /// <param name="vMax">Running maximum of <paramref name="v"/>, <c>max_exp_avg_sq</c>, when amsgrad; empty otherwise.</param>
    /// <param name="h">The hyperparameters.</param>
    /// <param name="step">The step count after this step's increment.</param>
    /// <param name="decoupled">AdamW: decay the parameter itself instead of adding the decay to the gradient.</param>
    public static void AdamStep<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vMax,
        in AdamHyper h, double step, bool decoupled) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool amsgrad = !vMax.IsEmpty;
        // Python floats, computed in double as PyTorch does before applying them to the tensors.
        double biasCorrection1 = 1 - Math.Pow(h.Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(h.Beta2, step);
        double stepSize = h.Lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        T beta1 = S<T>(h.Beta1), oneMinusBeta1 = S<T>(1 - h.Beta1);
        T beta2 = S<T>(h.Beta2), oneMinusBeta2 = S<T>(1 - h.Beta2);
        T weightDecay = S<T>(h.WeightDecay), decay = S<T>(1 - h.Lr * h.WeightDecay);
        T bc2Sqrt = S<T>(biasCorrection2Sqrt), eps = S<T>(h.Eps), negStepSize = S<T>(-stepSize);
        bool l2 = !decoupled && h.WeightDecay != 0;
        int i = amsgrad ? 0                                                  // amsgrad stays one element at a time
            : AdamVectors(p, g, m, v, beta1, oneMinusBeta1, beta2, oneMinusBeta2, weightDecay, decay, bc2Sqrt, eps, negStepSize, decoupled, l2);
        for (; i < p.Length; i++)
        {
            T gi = g[i];
            if (decoupled) p[i] *= decay;                                   // param.mul_(1 - lr * weight_decay)
            else if (l2) gi = AddScaled(gi, p[i], weightDecay);              // grad = grad.add(param, alpha=weight_decay)
            T mi = AddScaled(m[i] * beta1, gi, oneMinusBeta1);              // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            T vi = AddCMul(v[i] * beta2, gi, gi, oneMinusBeta2);            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            m[i] = mi;
            v[i] = vi;
            T denomSource = vi;
            if (amsgrad)                                                     // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=...)
                denomSource = vMax[i] = T.IsNaN(vMax[i]) || T.IsNaN(vi) ? T.NaN : T.Max(vMax[i], vi);
            T denom = T.Sqrt(denomSource) / bc2Sqrt + eps;                  // (sqrt(.) / bias_correction2_sqrt).add_(eps)
            p[i] = AddCDiv(p[i], mi, denom, negStepSize);                   // param.addcdiv_(exp_avg, denom, value=-step_size)
        }
    }

    /// <summary>
    /// The loop of <see cref="AdamStep{T}"/> without amsgrad, a vector at a time: the same operations lane by lane
    /// (fused where the scalar loop fuses, an IEEE square root and divisions), so the same bits. Returns how many
    /// leading elements it did; the scalar loop does the rest. An AdamW step over 104,603 float32 parameters
    /// (TinyGpt's count) took 93–160 µs against 518–558 µs one element at a time (stopwatch medians, three runs each).
    /// </summary>
    private static int AdamVectors<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T beta1, T oneMinusBeta1, T beta2,
        T oneMinusBeta2, T weightDecay, T decay, T bc2Sqrt, T eps, T negStepSize, bool decoupled, bool l2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector.IsHardwareAccelerated || !Vector<T>.IsSupported) return 0;
        int i = 0, w = Vector<T>.Count;
        Vector<T> b1 = new(beta1), c1 = new(oneMinusBeta1), b2 = new(beta2), c2 = new(oneMinusBeta2), wd = new(weightDecay),
            dec = new(decay), bc2 = new(bc2Sqrt), e = new(eps), step = new(negStepSize);
        for (; i <= p.Length - w; i += w)
        {
            Vector<T> pi = new(p[i..]), gi = new(g[i..]);
            if (decoupled) pi *= dec;                                          // param.mul_(1 - lr * weight_decay)
            else if (l2) gi = Fma(wd, pi, gi);             // grad = grad.add(param, alpha=weight_decay)
            var mi = Fma(c1, gi, new Vector<T>(m[i..]) * b1);       // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            var vi = Fma(c2 * gi, gi, new Vector<T>(v[i..]) * b2);  // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            mi.CopyTo(m[i..]);
            vi.CopyTo(v[i..]);
            var denom = Vector.SquareRoot(vi) / bc2 + e;                       // (sqrt(.) / bias_correction2_sqrt).add_(eps)
            (pi + step * mi / denom).CopyTo(p[i..]);                           // param.addcdiv_(exp_avg, denom, value=-step_size)
        }
        return i;
    }

    /// <summary>a · b + c on every lane, rounded once (System.Numerics has it for float and double only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? Vector.As<float, T>(Vector.FusedMultiplyAdd(Vector.As<T, float>(a), Vector.As<T, float>(b), Vector.As<T, float>(c)))
            : Vector.As<double, T>(Vector.FusedMultiplyAdd(Vector.As<T, double>(a), Vector.As<T, double>(b), Vector.As<T, double>(c)));
}

/// <summary>Adam's hyperparameters for one step.</summary>
internal readonly record struct AdamHyper(double Lr, double Beta1, double Beta2, double Eps, double WeightDecay);
