using AutoNet.Data;
using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// Scaled dot-product attention: softmax(q·kᵀ / √E + mask)·v, with dropout on the attention weights when
    /// <paramref name="dropoutP"/> &gt; 0. PyTorch: <c>F.scaled_dot_product_attention(query, key, value, attn_mask,
    /// dropout_p, is_causal)</c> (PyTorch 2.x, its math path; PyTorch 1.13 has no such function). Composed from
    /// batched <see cref="Tensor.MatMul"/>, <see cref="Tensor.Where"/>, <see cref="Tensor.Softmax"/> and
    /// <see cref="Dropout"/>, so its gradients (first and second order) are those ops' gradients.
    /// <para>Shapes: <paramref name="query"/> [..., L, E], <paramref name="key"/> [..., S, E],
    /// <paramref name="value"/> [..., S, Ev], output [..., L, Ev]; the leading (batch) dims broadcast as in
    /// <c>torch.matmul</c>. A Bool mask marks with true the positions that take part (false ones get weight 0); a
    /// float mask (the query's dtype) is added to the scores. Either broadcasts to [..., L, S].
    /// <paramref name="isCausal"/> masks as the lower-triangular Bool mask <c>ones(L, S).tril()</c> (query i sees keys
    /// 0..i, aligned at the top left when L ≠ S).</para>
    /// <para>A query row whose keys are all masked (all false, or all -∞) has no weights to normalise: its weights
    /// and output are NaN, as in PyTorch's math path before 2.5 and in torch 1.13's <c>nn.MultiheadAttention</c>
    /// (libtorch 2.10, measured through TorchSharp 0.107, gives 0 for such a row).</para>
    /// </summary>
    /// <param name="query">Queries, [..., L, E].</param>
    /// <param name="key">Keys, [..., S, E].</param>
    /// <param name="value">Values, [..., S, Ev].</param>
    /// <param name="attnMask">Optional Bool (true = takes part) or float (added) mask broadcasting to [..., L, S].</param>
    /// <param name="dropoutP">Probability of zeroing an attention weight (the others scaled by 1/(1 - p)), in
    /// [0, 1]; applied whenever it is above 0, as in PyTorch (pass 0 in evaluation).</param>
    /// <param name="isCausal">Mask with the lower-triangular causal mask; not together with <paramref name="attnMask"/>.</param>
    /// <param name="generator">Random source for the dropout mask (default <see cref="Nn.Init.Generator"/>).</param>
    /// <returns>The attended values, [..., L, Ev].</returns>
    /// <exception cref="ArgumentException">An input has fewer than 2 dims, dtypes differ, the query's and key's
    /// feature sizes E differ, the key's and value's sequence lengths S differ, the batch dims do not broadcast, the
    /// mask is neither Bool nor the query's dtype or does not broadcast to [..., L, S], or a mask is given together
    /// with <paramref name="isCausal"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dropoutP"/> is outside [0, 1].</exception>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        double dropoutP = 0, bool isCausal = false, NumPyRandomState? generator = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        CheckAttentionInputs(query, key, value, attnMask, isCausal);
        CheckDropoutProbability(dropoutP);
        int l = query.ShapeArray[^2], s = key.ShapeArray[^2], e = query.ShapeArray[^1];
        // scores = q·kᵀ·(1/√E), kᵀ read in place; [..., L, S] with the batch dims broadcast.
        var scores = Ops.MatMul.Forward(query, key, transposeA: false, transposeB: true) * (1.0 / Math.Sqrt(e));
        if (isCausal) attnMask = CausalMask(l, s);
        if (attnMask is not null)
        {
            if (!ShapeUtil.BroadcastsTo(attnMask.ShapeArray, scores.ShapeArray))
                throw new ArgumentException(
                    $"ScaledDotProductAttention: attnMask of shape {ShapeUtil.Format(attnMask.ShapeArray)} does not broadcast to the attention scores' shape {ShapeUtil.Format(scores.ShapeArray)} ([..., L, S]).",
                    nameof(attnMask));
            scores = attnMask.DType == DType.Bool
                ? Tensor.Where(attnMask, scores, Tensor.Full([], double.NegativeInfinity, scores.DType))
                : scores + attnMask;
        }
        var weights = scores.Softmax(-1);
        if (dropoutP > 0) weights = Dropout(weights, dropoutP, training: true, generator);
        return weights.MatMul(value);
    }

    /// <summary>The causal mask of <c>is_causal</c>: Bool [L, S], true where key j ≤ query i (<c>ones(L, S).tril()</c>).</summary>
    internal static Tensor CausalMask(int l, int s) =>
        Tensor.Arange(l, DType.Int64).Unsqueeze(1).Ge(Tensor.Arange(s, DType.Int64));

    private static void CheckAttentionInputs(Tensor query, Tensor key, Tensor value, Tensor? attnMask, bool isCausal)
    {
        const string op = "ScaledDotProductAttention";
        foreach (var (t, name, dims) in new[] { (query, "query", "[..., L, E]"), (key, "key", "[..., S, E]"), (value, "value", "[..., S, Ev]") })
        {
            if (t.Rank < 2)
                throw new ArgumentException($"{op}: {name} must have at least 2 dims, {dims}, got shape {ShapeUtil.Format(t.ShapeArray)}.", name);
            if (!t.DType.IsFloatingPoint())
                throw new ArgumentException($"{op}: {name} must be float32 or float64, got {t.DType.Name()}.", name);
        }
        if (key.DType != query.DType || value.DType != query.DType)
            throw new ArgumentException(
                $"{op}: query, key and value must have the same dtype, got {query.DType.Name()}, {key.DType.Name()} and {value.DType.Name()}.");
        if (query.ShapeArray[^1] != key.ShapeArray[^1])
            throw new ArgumentException(
                $"{op}: query {ShapeUtil.Format(query.ShapeArray)} and key {ShapeUtil.Format(key.ShapeArray)} must have the same last dim E ({query.ShapeArray[^1]} != {key.ShapeArray[^1]}).", nameof(key));
        if (key.ShapeArray[^2] != value.ShapeArray[^2])
            throw new ArgumentException(
                $"{op}: key {ShapeUtil.Format(key.ShapeArray)} and value {ShapeUtil.Format(value.ShapeArray)} must have the same sequence length S, their second-to-last dim ({key.ShapeArray[^2]} != {value.ShapeArray[^2]}).", nameof(value));
        // The batch dims (all but the last two) broadcast as in torch.matmul; Broadcast names the pair that does not.
        var batch = ShapeUtil.Broadcast(query.ShapeArray[..^2], key.ShapeArray[..^2], $"{op}: the batch dims of query and key");
        ShapeUtil.Broadcast(batch, value.ShapeArray[..^2], $"{op}: the batch dims of query/key and value");
        if (attnMask is null) return;
        if (isCausal)
            throw new ArgumentException($"{op}: pass either attnMask or isCausal: true, not both (isCausal builds its own mask).", nameof(attnMask));
        if (attnMask.DType != DType.Bool && attnMask.DType != query.DType)
            throw new ArgumentException(
                $"{op}: attnMask must be Bool (true = takes part) or the query's dtype {query.DType.Name()} (added to the scores), got {attnMask.DType.Name()}.", nameof(attnMask));
    }
}
