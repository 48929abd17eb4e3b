using AutoNet.Data;
using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// y = x · Wᵀ + b. PyTorch: <c>F.linear(input, weight, bias)</c>. <paramref name="weight"/> is [out, in] (as
    /// <see cref="Nn.Linear.Weight"/>) or [in]; <paramref name="input"/> is [*, in] (any number of leading dims, or
    /// none), giving [*, out] (or [*] for a 1-D weight). All the input's rows multiply W at once, W read transposed
    /// in place (<c>Wᵀ</c> is never copied, forward or backward).
    /// </summary>
    /// <param name="input">The input, [*, in].</param>
    /// <param name="weight">The weight, [out, in] or [in].</param>
    /// <param name="bias">Added to every row when given; its shape must broadcast to the output's (usually [out]).</param>
    /// <exception cref="ArgumentException">The input is 0-d, the weight is not 1-D or 2-D, the input's last dim is
    /// not the weight's, the bias does not broadcast to the output, or dtypes differ.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank is < 1 or > 2)
            throw new ArgumentException($"Linear: weight must be [out, in] or [in], got shape {ShapeUtil.Format(weight.ShapeArray)}.");
        int inFeatures = weight.ShapeArray[^1];
        if (input.Rank == 0 || input.ShapeArray[^1] != inFeatures)
            throw new ArgumentException(
                $"Linear: expected input with last dimension {inFeatures}, got shape {ShapeUtil.Format(input.ShapeArray)}.");
        // x · Wᵀ: a 2-D weight is read transposed in place, and the rows of all the input's leading dims make one
        // product ([*, in] as [N, in], in the kernel); a 1-D input or weight is a vector, handled by MatMul.
        var y = weight.Rank == 2 && input.Rank >= 2
            ? Ops.MatMul.Forward(input, weight, transposeA: false, transposeB: true)
            : input.MatMul(weight.T);
        if (bias is null) return y;
        if (!ShapeUtil.BroadcastsTo(bias.ShapeArray, y.ShapeArray))
            throw new ArgumentException(
                $"Linear: bias of shape {ShapeUtil.Format(bias.ShapeArray)} does not broadcast to the output shape {ShapeUtil.Format(y.ShapeArray)}; expected [{(weight.Rank == 2 ? weight.ShapeArray[0] : 1)}].");
        return Ops.Add.ForwardOverFresh(y, bias);                      // y + bias, in y's memory (no one else has y)
    }

    /// <summary>
    /// log(1 + e^(βx)) / β, computed stably; where βx &gt; <paramref name="threshold"/> the result is x itself and its
    /// gradient exactly 1, as in PyTorch. PyTorch: <c>F.softplus(input, beta, threshold)</c>.
    /// </summary>
    /// <param name="input">Any shape.</param>
    /// <param name="beta">β, a finite number other than 0 (default 1).</param>
    /// <param name="threshold">Above this value of βx the input is returned unchanged (default 20); not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is 0, infinite or NaN, or
    /// <paramref name="threshold"/> is NaN.</exception>
    public static Tensor Softplus(Tensor input, double beta = 1, double threshold = 20)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (beta == 0 || !double.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"Softplus: beta must be a finite number other than 0, got {beta}.");
        if (double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus: threshold must be a number, got NaN.");
        return Ops.Softplus.Forward(input, beta, threshold);
    }

    /// <summary>x where x &gt; 0, else <paramref name="negativeSlope"/>·x. PyTorch: <c>F.leaky_relu</c>.</summary>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LeakyRelu(negativeSlope);
    }

    /// <summary>x·Φ(x), exact ("none") or with the tanh approximation ("tanh"). PyTorch: <c>F.gelu(input, approximate)</c>.</summary>
    public static Tensor Gelu(Tensor input, string approximate = "none")
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Gelu(approximate);
    }

    /// <summary>
    /// In training, zeroes each element with probability <paramref name="p"/> and scales the kept ones by
    /// 1/(1 - p), so the expected value is unchanged; otherwise (or with p = 0) returns the input itself. An
    /// element is kept when the generator's next uniform draw u ∈ [0, 1) is below 1 - p (draws in row-major
    /// order), so a seeded <see cref="NumPyRandomState"/> gives the same mask every run. p = 1 gives zeros.
    /// PyTorch: <c>F.dropout(input, p, training)</c> (same scaling; a different random stream).
    /// </summary>
    /// <param name="input">Any tensor.</param>
    /// <param name="p">Probability of zeroing an element, in [0, 1].</param>
    /// <param name="training">Apply dropout (true) or return the input (false).</param>
    /// <param name="generator">Random source for the mask; default the process-wide default generator
    /// (<c>Init.Generator</c>, seeded by <c>Init.ManualSeed</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, NumPyRandomState? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckDropoutProbability(p);
        if (!training || p == 0) return input;
        if (p == 1) return input * 0.0;
        var draws = (generator ?? DefaultGenerator.Instance).Rand(input.ShapeArray).Data<double>();
        var mask = Tensor.ZeroFilled(input.ShapeArray, input.DType);
        double keep = 1 - p, scale = 1 / keep;
        if (input.DType == DType.Float32)
        {
            var m = mask.Span<float>();
            for (int i = 0; i < m.Length; i++) m[i] = draws[i] < keep ? (float)scale : 0f;
        }
        else
        {
            var m = mask.Span<double>();
            for (int i = 0; i < m.Length; i++) m[i] = draws[i] < keep ? scale : 0.0;
        }
        return input * mask;
    }

    internal static void CheckDropoutProbability(double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: p (the probability of zeroing an element) must be in [0, 1], got {p}.");
    }

    /// <summary>
    /// Normalises over the last dims given by <paramref name="normalizedShape"/>: y = (x - E[x]) / √(Var[x] + ε) · w + b,
    /// with the biased variance. PyTorch: <c>F.layer_norm(input, normalized_shape, weight, bias, eps)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The input's trailing dims differ from <paramref name="normalizedShape"/>.</exception>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(normalizedShape);
        int k = normalizedShape.Length;
        if (k == 0 || input.Rank < k || !input.ShapeArray.AsSpan(input.Rank - k).SequenceEqual(normalizedShape))
            throw new ArgumentException(
                $"LayerNorm: expected input of shape [*, {string.Join(", ", normalizedShape)}] (ending in normalizedShape {ShapeUtil.Format(normalizedShape)}), " +
                $"got shape {ShapeUtil.Format(input.ShapeArray)}.");
        int m = ShapeUtil.Count(normalizedShape, "LayerNorm");
        // One op (Ops/LayerNorm.cs) for a float input with a weight and bias of the normalised shape; the tensor ops
        // below, which compute the same function, for anything else (an integer input, a broadcast weight).
        if (Ops.LayerNorm.Applies(input, m, weight, bias)) return Ops.LayerNorm.Forward(input, m, weight, bias, eps);
        var rows = input.Reshape(input.Count / Math.Max(m, 1), m);
        var centred = rows - rows.Mean(1, keepDim: true);
        var variance = (centred * centred).Mean(1, keepDim: true);
        var y = (centred * (1.0 / (variance + eps).Sqrt())).Reshape(input.ShapeArray);
        if (weight is not null) y *= weight;
        if (bias is not null) y += bias;
        return y;
    }
}
