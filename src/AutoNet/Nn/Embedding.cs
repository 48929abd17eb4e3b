using System.Globalization;
using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A lookup table of <see cref="NumEmbeddings"/> vectors of size <see cref="EmbeddingDim"/>: an Int64 input of
/// shape [*] gives [*, EmbeddingDim], each index replaced by its row of <see cref="Weight"/> (see
/// <see cref="F.Embedding"/> for the gradient). The weight starts N(0, 1), as PyTorch's, with the padding row (if
/// any) zero. PyTorch: <c>torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx)</c> (no max_norm, no
/// sparse gradients).
/// </summary>
public sealed class Embedding : Module
{
    /// <summary>Creates the table, drawing it from <paramref name="generator"/> (default: <see cref="Init.Generator"/>).</summary>
    /// <param name="numEmbeddings">Number of rows (the vocabulary size), &gt;= 1.</param>
    /// <param name="embeddingDim">Size of each row, &gt;= 0.</param>
    /// <param name="paddingIdx">A row that starts at zero and never receives a gradient (negative counts from the end), or null.</param>
    /// <param name="dtype">Element type of the table (float).</param>
    /// <param name="generator">Random source for the initial values.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or <paramref name="paddingIdx"/> is outside the table.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, DType dtype = DType.Float64, NumPyRandomState? generator = null)
        : this(new Parameter(Initial(numEmbeddings, embeddingDim, paddingIdx, dtype, generator)), paddingIdx)
    {
    }

    private Embedding(Parameter weight, int? paddingIdx)
    {
        NumEmbeddings = weight.Shape[0];
        EmbeddingDim = weight.Shape[1];
        PaddingIdx = paddingIdx is int p ? F.NormalizePaddingIdx(p, NumEmbeddings) : null;
        Weight = weight;
    }

    /// <summary>
    /// A layer whose table is a copy of <paramref name="embeddings"/> ([V, D], float), frozen (no gradient) unless
    /// <paramref name="freeze"/> is false. PyTorch: <c>nn.Embedding.from_pretrained(embeddings, freeze, padding_idx)</c>.
    /// </summary>
    /// <param name="embeddings">The rows, [V, D].</param>
    /// <param name="freeze">Whether the table stays fixed in training (default true, as torch).</param>
    /// <param name="paddingIdx">A row that never receives a gradient, or null (its values are kept as given).</param>
    /// <exception cref="ArgumentException"><paramref name="embeddings"/> is not a 2-D float tensor.</exception>
    public static Embedding FromPretrained(Tensor embeddings, bool freeze = true, int? paddingIdx = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rank != 2)
            throw new ArgumentException($"Embedding.FromPretrained: embeddings must be 2-D [num_embeddings, embedding_dim], got shape [{string.Join(", ", embeddings.Shape)}].", nameof(embeddings));
        embeddings.DType.CheckedFloat("Embedding.FromPretrained");
        var table = Tensor.Zeros(embeddings.Shape.ToArray(), embeddings.DType);
        using (Autograd.NoGrad()) table.CopyFrom(embeddings);        // a copy: later writes to embeddings do not reach the layer
        return new Embedding(new Parameter(table, requiresGrad: !freeze), paddingIdx);
    }

    /// <summary>Number of rows of the table.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Size of each row.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The row that receives no gradient (in [0, NumEmbeddings)), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>The table, shape [NumEmbeddings, EmbeddingDim]; state-dict name <c>weight</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>Looks up the rows of an Int64 <paramref name="input"/> of any shape.</summary>
    /// <param name="input">Indices in [0, NumEmbeddings).</param>
    /// <returns>[*input.Shape, EmbeddingDim].</returns>
    public override Tensor Forward(Tensor input) => F.Embedding(input, Weight, PaddingIdx);

    /// <inheritdoc/>
    protected override string ExtraRepr() => PaddingIdx is int p
        ? string.Create(CultureInfo.InvariantCulture, $"{NumEmbeddings}, {EmbeddingDim}, padding_idx={p}")
        : string.Create(CultureInfo.InvariantCulture, $"{NumEmbeddings}, {EmbeddingDim}");

    private static Tensor Initial(int numEmbeddings, int embeddingDim, int? paddingIdx, DType dtype, NumPyRandomState? generator)
    {
        if (numEmbeddings < 1) throw new ArgumentOutOfRangeException(nameof(numEmbeddings), numEmbeddings, $"Embedding: numEmbeddings must be >= 1, got {numEmbeddings}.");
        if (embeddingDim < 0) throw new ArgumentOutOfRangeException(nameof(embeddingDim), embeddingDim, $"Embedding: embeddingDim must be >= 0, got {embeddingDim}.");
        dtype.CheckedFloat("Embedding");
        var table = Tensor.Zeros([numEmbeddings, embeddingDim], dtype);
        Init.Normal(table, 0, 1, generator);                            // torch: init.normal_(self.weight)
        if (paddingIdx is int p)
        {
            int row = F.NormalizePaddingIdx(p, numEmbeddings);
            using (Autograd.NoGrad()) table[row] = Tensor.Zeros([embeddingDim], dtype);   // torch: weight[padding_idx].fill_(0)
        }
        return table;
    }
}
