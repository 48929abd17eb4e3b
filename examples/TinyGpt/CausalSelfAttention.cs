using AutoNet;
using AutoNet.Nn;

namespace TinyGpt;

/// <summary>
/// Multi-head causal self-attention as nanoGPT writes it: one Linear width → 3·width gives q, k and v; each is
/// split into heads by a View [B, T, h, hs] and a Transpose to [B, h, T, hs] (views: no copy); the weights are
/// softmax(q·kᵀ/√hs) with the future (j &gt; i) masked to −∞, so position i attends to 0..i only
/// (<c>F.ScaledDotProductAttention(q, k, v, isCausal: true)</c>); the heads are merged back by Transpose +
/// Contiguous + View to [B, T, width] and projected by a Linear width → width. <see cref="Weights"/> composes the
/// same weights from MatMul, MaskedFill and Softmax, for looking at them.
/// </summary>
public sealed class CausalSelfAttention : Module
{
    private readonly Linear _c_attn;
    private readonly Linear _c_proj;
    private readonly int _heads;
    private readonly Tensor _future; // Bool [block, block], true above the diagonal; not a parameter nor a buffer

    /// <summary>Creates the attention (c_attn, then c_proj, drawn in that order).</summary>
    public CausalSelfAttention(int width, int heads, int blockSize, DType dtype)
    {
        if (width % heads != 0) throw new ArgumentException($"CausalSelfAttention: width {width} is not a multiple of heads {heads}.", nameof(heads));
        _heads = heads;
        _c_attn = new Linear(width, 3 * width, dtype: dtype);
        _c_proj = new Linear(width, width, dtype: dtype);
        _future = Tensor.Ones([blockSize, blockSize]).Triu(1).Eq(1);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var (q, k, v) = Heads(input);
        int b = input.Shape[0], t = input.Shape[1], c = input.Shape[2];
        var y = F.ScaledDotProductAttention(q, k, v, isCausal: true);     // [B, h, T, hs]
        return _c_proj.Forward(y.Transpose(1, 2).Contiguous().View(b, t, c)); // merge the heads: [B, T, C]
    }

    /// <summary>The attention weights [B, heads, T, T] for <paramref name="input"/> (each row sums to 1, zero above the diagonal).</summary>
    public Tensor Weights(Tensor input)
    {
        var (q, k, _) = Heads(input);
        return Attention(q, k, _future);
    }

    /// <summary>q, k, v [B, h, T, hs] from one projection, split into heads as views.</summary>
    private (Tensor Q, Tensor K, Tensor V) Heads(Tensor input)
    {
        int b = input.Shape[0], t = input.Shape[1], c = input.Shape[2];
        var qkv = _c_attn.Forward(input).Split(c, 2);                // three [B, T, C]
        Tensor Split(Tensor z) => z.View(b, t, _heads, c / _heads).Transpose(1, 2);
        return (Split(qkv[0]), Split(qkv[1]), Split(qkv[2]));
    }

    /// <summary>softmax(q·kᵀ/√hs) with the future masked.</summary>
    private static Tensor Attention(Tensor q, Tensor k, Tensor future)
    {
        int t = q.Shape[2], hs = q.Shape[3];
        var scores = q.MatMul(k.Transpose(-2, -1)) * (1.0 / Math.Sqrt(hs)); // [B, h, T, T]
        return scores.MaskedFill(future[..t, ..t], double.NegativeInfinity).Softmax(-1);
    }
}
