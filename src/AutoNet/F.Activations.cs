namespace AutoNet;

// The activations added for the next networks (their ops are in Ops/, their modules in Nn/).
public static partial class F
{
    /// <summary>
    /// Exponential linear unit: x where x &gt; 0, else α · (eˣ - 1) (computed as α · expm1(x), accurate for small x).
    /// The gradient at 0 is α, as PyTorch's (it takes the exponential branch for x ≤ 0). PyTorch: <c>F.elu(input, alpha)</c>.
    /// </summary>
    /// <param name="input">Any shape.</param>
    /// <param name="alpha">α, a finite number (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is infinite or NaN.</exception>
    public static Tensor Elu(Tensor input, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckFinite("ELU", nameof(alpha), alpha);
        return Ops.Elu.Forward(input, alpha);
    }

    /// <summary>
    /// Scaled exponential linear unit: λ · x where x &gt; 0, else λ · α · (eˣ - 1), with PyTorch's fixed
    /// α = 1.6732632423543772 and λ = 1.0507009873554805 (gradient λ · α at 0, as PyTorch's). PyTorch: <c>F.selu</c>.
    /// </summary>
    public static Tensor Selu(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Elu.Forward(input, Nn.SELU.Alpha, Nn.SELU.Scale);
    }

    /// <summary>
    /// Sigmoid linear unit (swish): x · σ(x), computed as x / (1 + e^-x) as PyTorch does. PyTorch: <c>F.silu</c>.
    /// </summary>
    public static Tensor Silu(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Silu.Forward(input);
    }

    /// <summary>x · tanh(softplus(x)), with softplus computed stably. PyTorch: <c>F.mish</c>.</summary>
    public static Tensor Mish(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Mish.Forward(input);
    }

    /// <summary>
    /// min(max(x, 0), 6), which is Hardtanh(x, 0, 6) as in PyTorch: the gradient is 1 strictly between 0 and 6 and 0 at
    /// both ends. PyTorch: <c>F.relu6</c>.
    /// </summary>
    public static Tensor Relu6(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Hardtanh.Forward(input, 0, 6);
    }

    /// <summary>
    /// x clamped to [<paramref name="minVal"/>, <paramref name="maxVal"/>]; the gradient is 1 strictly inside and 0 at
    /// the bounds and beyond (PyTorch's hardtanh_backward; <see cref="Tensor.Clamp(double, double)"/> keeps it at the bounds).
    /// PyTorch: <c>F.hardtanh(input, min_val, max_val)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="minVal"/> &gt; <paramref name="maxVal"/>, or either is
    /// NaN (PyTorch 1.13 does not check, and returns maxVal everywhere).</exception>
    public static Tensor Hardtanh(Tensor input, double minVal = -1.0, double maxVal = 1.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Hardtanh.Forward(input, minVal, maxVal);
    }

    /// <summary>
    /// log σ(x) = -softplus(-x), computed as min(x, 0) - log(1 + e^-|x|), finite for any finite x; gradient σ(-x).
    /// PyTorch: <c>F.logsigmoid</c>.
    /// </summary>
    public static Tensor LogSigmoid(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.LogSigmoid.Forward(input);
    }

    /// <summary>
    /// x / (1 + |x|), composed of Abs, Add and Div exactly as PyTorch's Python definition (so its gradient,
    /// 1 / (1 + |x|)², comes out of theirs, 1 at 0). PyTorch: <c>F.softsign</c>.
    /// </summary>
    public static Tensor Softsign(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input / (input.Abs() + 1.0);
    }

    private static void CheckFinite(string op, string name, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{op}: {name} must be a finite number, got {value}.");
    }
}
