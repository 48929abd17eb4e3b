using AutoNet;
using AutoNet.Nn;

namespace TinyGpt;

/// <summary>
/// A character-level transformer in the style of nanoGPT: token embedding + position embedding, <c>layers</c>
/// pre-LayerNorm blocks, a final LayerNorm and a linear head over the vocabulary. Parameter names follow the
/// reference script (examples/TinyGpt/reference/tinygpt_torch.py): <c>wte.weight</c>, <c>h.0.attn.c_attn.weight</c>, ...
/// Every parameter starts as torch's default init: the embeddings N(0, 1), Linear uniform in ±1/√in, LayerNorm 1 and 0.
/// </summary>
public sealed class TinyGptModel : Module
{
    // Field names give the state-dict names (a leading underscore dropped).
    private readonly Embedding _wte;
    private readonly Embedding _wpe;
    private readonly ModuleList _h;
    private readonly LayerNorm _ln_f;
    private readonly Linear _lm_head;

    /// <summary>Creates the model; the initial values are drawn from <see cref="Init.Generator"/> in declaration order.</summary>
    public TinyGptModel(int vocab = 27, int blockSize = 16, int width = 64, int layers = 2, int heads = 4, DType dtype = DType.Float32)
    {
        BlockSize = blockSize;
        _wte = new Embedding(vocab, width, dtype: dtype);
        _wpe = new Embedding(blockSize, width, dtype: dtype);
        _h = new ModuleList(Enumerable.Range(0, layers).Select(_ => (Module)new TinyGptBlock(width, heads, blockSize, dtype)));
        _ln_f = new LayerNorm(width, dtype: dtype);
        _lm_head = new Linear(width, vocab, dtype: dtype);
    }

    /// <summary>The longest sequence the position embedding covers.</summary>
    public int BlockSize { get; }

    /// <summary>The blocks, in order.</summary>
    public IEnumerable<TinyGptBlock> Blocks => _h.Cast<TinyGptBlock>();

    /// <summary>Logits [B, T, vocab] for the Int64 token indices <paramref name="input"/> [B, T], T ≤ <see cref="BlockSize"/>.</summary>
    public override Tensor Forward(Tensor input) => Head(Trunk(input, weights: null));

    /// <summary>The attention weights [B, heads, T, T] of every block for <paramref name="input"/>, in block order.</summary>
    public IReadOnlyList<Tensor> AttentionWeights(Tensor input)
    {
        var weights = new List<Tensor>();
        Trunk(input, weights);
        return weights;
    }

    private Tensor Trunk(Tensor input, List<Tensor>? weights)
    {
        int t = input.Shape[1];
        if (t > BlockSize) throw new ArgumentException($"TinyGptModel: a sequence of {t} tokens does not fit the block size {BlockSize}.", nameof(input));
        var x = _wte.Forward(input) + _wpe.Forward(Tensor.Arange(t, DType.Int64)); // [B, T, C] + [T, C]
        foreach (var block in Blocks) x = block.Forward(x, weights);
        return x;
    }

    private Tensor Head(Tensor x) => _lm_head.Forward(_ln_f.Forward(x));
}

/// <summary>One pre-LayerNorm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).</summary>
public sealed class TinyGptBlock : Module
{
    private readonly LayerNorm _ln_1;
    private readonly CausalSelfAttention _attn;
    private readonly LayerNorm _ln_2;
    private readonly TinyGptMlp _mlp;

    /// <summary>Creates the block (LayerNorms, attention, MLP, drawn in that order).</summary>
    public TinyGptBlock(int width, int heads, int blockSize, DType dtype)
    {
        _ln_1 = new LayerNorm(width, dtype: dtype);
        _attn = new CausalSelfAttention(width, heads, blockSize, dtype);
        _ln_2 = new LayerNorm(width, dtype: dtype);
        _mlp = new TinyGptMlp(width, dtype);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, weights: null);

    /// <summary>The block's output; when <paramref name="weights"/> is given, its attention weights are appended to it.</summary>
    public Tensor Forward(Tensor input, List<Tensor>? weights)
    {
        var normed = _ln_1.Forward(input);
        if (weights is not null) weights.Add(_attn.Weights(normed));
        var x = input + _attn.Forward(normed);
        return x + _mlp.Forward(_ln_2.Forward(x));
    }
}

/// <summary>The block's MLP: Linear width → 4·width, GELU, Linear 4·width → width.</summary>
public sealed class TinyGptMlp : Module
{
    private readonly Linear _c_fc;
    private readonly GELU _gelu = new();
    private readonly Linear _c_proj;

    /// <summary>Creates the MLP.</summary>
    public TinyGptMlp(int width, DType dtype)
    {
        _c_fc = new Linear(width, 4 * width, dtype: dtype);
        _c_proj = new Linear(4 * width, width, dtype: dtype);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => _c_proj.Forward(_gelu.Forward(_c_fc.Forward(input)));
}
