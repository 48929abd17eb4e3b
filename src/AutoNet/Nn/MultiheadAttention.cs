using AutoNet.Data;
using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Multi-head attention as PyTorch 1.13's: the query, key and value are projected by the three [E, E] blocks of
/// <see cref="InProjWeight"/> (and <see cref="InProjBias"/>), split into <see cref="NumHeads"/> heads of E / heads
/// features, attended per head (softmax(q·kᵀ / √(E / heads) + mask), dropout on the weights in training), joined and
/// projected by <see cref="OutProj"/>. Parameters <c>in_proj_weight</c> [3E, E], <c>in_proj_bias</c> [3E],
/// <c>out_proj.weight</c> [E, E], <c>out_proj.bias</c> [E], so torch state dicts load by key. Initialised as torch:
/// <c>out_proj</c> as a default <see cref="Linear"/>, then <c>in_proj_weight</c> by
/// <see cref="Init.XavierUniform"/>, both biases 0.
/// <para>The key and value must have the query's feature size E (torch's <c>kdim</c>/<c>vdim</c> and
/// <c>add_bias_kv</c>/<c>add_zero_attn</c> are not supported).</para>
/// PyTorch: <c>torch.nn.MultiheadAttention(embed_dim, num_heads, dropout, bias, batch_first=batch_first)</c>.
/// </summary>
public sealed class MultiheadAttention : Module
{
    private readonly NumPyRandomState? _generator;

    /// <summary>Creates the layer and initialises it as PyTorch does, drawing from <paramref name="generator"/>
    /// (default <see cref="Init.Generator"/>): first <c>out_proj</c>'s weight (and bias, then zeroed), then
    /// <c>in_proj_weight</c>.</summary>
    /// <param name="embedDim">E, the feature size of query, key, value and output.</param>
    /// <param name="numHeads">The number of heads; must divide <paramref name="embedDim"/>.</param>
    /// <param name="dropout">Probability of zeroing an attention weight in training, in [0, 1].</param>
    /// <param name="bias">Whether the input and output projections have biases.</param>
    /// <param name="batchFirst">Batched inputs and output are [N, L, E] instead of [L, N, E].</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values and the dropout masks.</param>
    /// <exception cref="ArgumentOutOfRangeException">embedDim or numHeads is not positive, numHeads does not divide
    /// embedDim, or dropout is outside [0, 1].</exception>
    public MultiheadAttention(int embedDim, int numHeads, double dropout = 0, bool bias = true, bool batchFirst = false,
        DType dtype = DType.Float64, NumPyRandomState? generator = null)
    {
        if (embedDim <= 0) throw new ArgumentOutOfRangeException(nameof(embedDim), embedDim, $"MultiheadAttention: embedDim must be > 0, got {embedDim}.");
        if (numHeads <= 0) throw new ArgumentOutOfRangeException(nameof(numHeads), numHeads, $"MultiheadAttention: numHeads must be > 0, got {numHeads}.");
        if (embedDim % numHeads != 0)
            throw new ArgumentOutOfRangeException(nameof(numHeads), numHeads, $"MultiheadAttention: embedDim {embedDim} must be divisible by numHeads {numHeads}.");
        F.CheckDropoutProbability(dropout);
        dtype.CheckedFloat("MultiheadAttention");
        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        BatchFirst = batchFirst;
        _generator = generator;
        // torch's order: out_proj is built (drawing its default init), then _reset_parameters draws in_proj_weight.
        OutProj = new Linear(embedDim, embedDim, bias, dtype, generator);
        InProjWeight = new Parameter(Tensor.Zeros([3 * embedDim, embedDim], dtype));
        Init.XavierUniform(InProjWeight, generator: generator);
        InProjBias = bias ? new Parameter(Tensor.Zeros([3 * embedDim], dtype)) : null;
        if (OutProj.Bias is not null) Init.Zeros(OutProj.Bias);
    }

    /// <summary>E, the feature size.</summary>
    public int EmbedDim { get; }

    /// <summary>The number of heads.</summary>
    public int NumHeads { get; }

    /// <summary>E / heads, each head's feature size.</summary>
    public int HeadDim => EmbedDim / NumHeads;

    /// <summary>The dropout probability on the attention weights (training only).</summary>
    public double Dropout { get; }

    /// <summary>Whether batched inputs and output are [N, L, E].</summary>
    public bool BatchFirst { get; }

    /// <summary>The stacked query, key and value projections, [3E, E] (<c>in_proj_weight</c>).</summary>
    public Parameter InProjWeight { get; }

    /// <summary>The stacked projection biases, [3E] (<c>in_proj_bias</c>), or null without bias.</summary>
    public Parameter? InProjBias { get; }

    /// <summary>The output projection (<c>out_proj</c>).</summary>
    public Linear OutProj { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Parameter Parameter)> DirectParameters()
    {
        yield return ("in_proj_weight", InProjWeight);
        if (InProjBias is not null) yield return ("in_proj_bias", InProjBias);
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        yield return ("out_proj", OutProj);
    }

    /// <summary>Self-attention: <c>Forward(input, input, input, needWeights: false).Output</c>.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, input, input, needWeights: false).Output;

    /// <summary>
    /// Attends from <paramref name="query"/> to <paramref name="key"/>/<paramref name="value"/>, the weights averaged
    /// over the heads as torch's default average_attn_weights=True. PyTorch:
    /// <c>forward(query, key, value, key_padding_mask, need_weights, attn_mask)</c>.
    /// <para>Shapes: query [L, N, E], key and value [S, N, E] (with <see cref="BatchFirst"/> [N, L, E], [N, S, E]), or
    /// unbatched [L, E], [S, E]. <paramref name="attnMask"/> is [L, S] or [N·heads, L, S]; <paramref name="keyPaddingMask"/>
    /// is [N, S] (unbatched [S]). Unlike <see cref="F.ScaledDotProductAttention"/>, a Bool mask marks with true the
    /// positions that do NOT take part (torch's convention here); a float mask is added to the scores. Both masks are
    /// turned into float (true → -∞) and added, which is what torch 1.13 computes (it cannot combine a float attnMask
    /// with a keyPaddingMask; PyTorch 2.x adds them as here). A query row whose keys are all masked gives NaN, as in
    /// torch 1.13.</para>
    /// <para><paramref name="isCausal"/> without a mask masks key j &gt; query i (ones(L, S).triu(1)); with an
    /// attnMask it is a hint and the mask is used (PyTorch 2.x requires the mask with the hint).</para>
    /// </summary>
    /// <param name="query">Queries.</param>
    /// <param name="key">Keys (the query's E).</param>
    /// <param name="value">Values (the key's shape).</param>
    /// <param name="attnMask">Optional Bool (true = masked) or float (added) mask, [L, S] or [N·heads, L, S].</param>
    /// <param name="keyPaddingMask">Optional Bool (true = padding, ignored) or float (added) mask, [N, S].</param>
    /// <param name="needWeights">Also return the attention weights averaged over heads.</param>
    /// <param name="isCausal">Mask the future as the causal mask when no attnMask is given.</param>
    /// <returns>The output, shaped as the query; and, when <paramref name="needWeights"/>, the weights averaged over
    /// the heads, [N, L, S] (unbatched [L, S]), after dropout as in torch.</returns>
    /// <exception cref="ArgumentException">Ranks, shapes or dtypes do not fit (the message names the expected shape).</exception>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        Tensor? keyPaddingMask = null, bool needWeights = true, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        bool batched = CheckInputs(query, key, value);
        if (!batched)
        {
            (query, key, value) = (query.Unsqueeze(1), key.Unsqueeze(1), value.Unsqueeze(1));
            if (keyPaddingMask is not null) keyPaddingMask = keyPaddingMask.Unsqueeze(0);
        }
        else if (BatchFirst)
            (query, key, value) = (query.Transpose(0, 1), key.Transpose(0, 1), value.Transpose(0, 1));

        int l = query.ShapeArray[0], n = query.ShapeArray[1], s = key.ShapeArray[0], e = EmbedDim, h = NumHeads, d = HeadDim;
        var w = InProjWeight.Chunk(3);
        var b = InProjBias?.Chunk(3);
        // [L, N, E] → [L, N·heads, E/heads] → [N·heads, L, E/heads], as torch's view(...).transpose(0, 1).
        var q = F.Linear(query, w[0], b?[0]).Reshape(l, n * h, d).Transpose(0, 1);
        var k = F.Linear(key, w[1], b?[1]).Reshape(s, n * h, d).Transpose(0, 1);
        var v = F.Linear(value, w[2], b?[2]).Reshape(s, n * h, d).Transpose(0, 1);

        var mask = AttentionMasks.Combine(attnMask, keyPaddingMask, isCausal, l, s, n, h, query.DType);
        var scores = (q / Math.Sqrt(d)).MatMul(k.Transpose(1, 2));
        if (mask is not null) scores = mask + scores;
        var weights = scores.Softmax(-1);
        if (Training && Dropout > 0) weights = F.Dropout(weights, Dropout, training: true, _generator);

        // [N·heads, L, E/heads] → [L, N·heads, E/heads] → [L, N, E], then the output projection.
        var output = OutProj.Forward(weights.MatMul(v).Transpose(0, 1).Reshape(l, n, e));
        Tensor? averaged = needWeights ? weights.Reshape(n, h, l, s).Sum(1) / h : null;
        if (!batched) return (output.Squeeze(1), averaged?.Squeeze(0));
        return (BatchFirst ? output.Transpose(0, 1) : output, averaged);
    }

    /// <summary>Checks ranks, E and dtypes; true when the inputs are batched (3-D).</summary>
    private bool CheckInputs(Tensor query, Tensor key, Tensor value)
    {
        const string op = "MultiheadAttention";
        string layout = BatchFirst ? "[N, L, E]" : "[L, N, E]";
        if (query.Rank is not (2 or 3))
            throw new ArgumentException($"{op}: query must be {layout} (batched) or [L, E] (unbatched), got shape {ShapeUtil.Format(query.ShapeArray)}.", nameof(query));
        if (key.Rank != query.Rank || value.Rank != query.Rank)
            throw new ArgumentException(
                $"{op}: key and value must have the query's rank {query.Rank}, got shapes {ShapeUtil.Format(key.ShapeArray)} and {ShapeUtil.Format(value.ShapeArray)}.");
        if (query.ShapeArray[^1] != EmbedDim)
            throw new ArgumentException($"{op}: expected query with last dim embedDim {EmbedDim}, got shape {ShapeUtil.Format(query.ShapeArray)}.", nameof(query));
        if (!key.ShapeArray.AsSpan().SequenceEqual(value.ShapeArray))
            throw new ArgumentException($"{op}: key shape {ShapeUtil.Format(key.ShapeArray)} does not match value shape {ShapeUtil.Format(value.ShapeArray)}.", nameof(value));
        if (key.ShapeArray[^1] != EmbedDim)
            throw new ArgumentException(
                $"{op}: expected key and value with last dim embedDim {EmbedDim}, got shape {ShapeUtil.Format(key.ShapeArray)} (kdim/vdim other than embedDim are not supported).", nameof(key));
        int batchDim = BatchFirst ? 0 : 1;
        if (query.Rank == 3 && key.ShapeArray[batchDim] != query.ShapeArray[batchDim])
            throw new ArgumentException(
                $"{op}: query {ShapeUtil.Format(query.ShapeArray)} and key {ShapeUtil.Format(key.ShapeArray)} must have the same batch size N (layout {layout}).", nameof(key));
        if (query.DType != InProjWeight.DType || key.DType != InProjWeight.DType || value.DType != InProjWeight.DType)
            throw new ArgumentException(
                $"{op}: query, key and value must have the parameters' dtype {InProjWeight.DType.Name()}, got {query.DType.Name()}, {key.DType.Name()} and {value.DType.Name()}.");
        return query.Rank == 3;
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => "";
}
