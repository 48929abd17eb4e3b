using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// Looks up rows of a table: y[i..., :] = weight[input[i...], :], so an input of shape [*] gives [*, D] for a
    /// weight of shape [V, D]. PyTorch: <c>F.embedding(input, weight, padding_idx)</c>.
    /// <para>
    /// It is <c>weight.IndexSelect(0, input.Reshape(-1))</c> reshaped, so the backward is IndexSelect's: the
    /// gradient of row k is the sum of the output gradients of every position whose index is k (a character seen
    /// five times in a batch collects five gradients). With <paramref name="paddingIdx"/>, positions holding that
    /// index still read their row but send it no gradient, as torch: that row's gradient stays zero.
    /// </para>
    /// </summary>
    /// <param name="input">Indices, an Int64 tensor of any shape, each in [0, V).</param>
    /// <param name="weight">The table, [V, D] (float).</param>
    /// <param name="paddingIdx">A row (negative counts from the end) that receives no gradient, or null.</param>
    /// <exception cref="ArgumentException">The input is not Int64, the weight is not 2-D, or an index or
    /// <paramref name="paddingIdx"/> is outside the table.</exception>
    public static Tensor Embedding(Tensor input, Tensor weight, int? paddingIdx = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
            throw new ArgumentException($"Embedding: weight must be a 2-D table [num_embeddings, embedding_dim], got shape {ShapeUtil.Format(weight.ShapeArray)}.", nameof(weight));
        if (input.DType != DType.Int64)
            throw new ArgumentException($"Embedding: input has dtype {input.DType.Name()}; expected an Int64 tensor of indices (DType.Int64).", nameof(input));
        int rows = weight.ShapeArray[0];
        int? padding = paddingIdx is int p ? NormalizePaddingIdx(p, rows) : null;
        var flat = input.Reshape(-1).Contiguous();
        foreach (long index in flat.Span<long>())
        {
            if (index < 0 || index >= rows)
                throw new ArgumentOutOfRangeException(nameof(input), index,
                    $"Embedding: index {index} is out of range for a table of {rows} rows (expected values in [0, {rows - 1}]).");
        }
        var picked = weight.IndexSelect(0, flat);                      // [n, D]
        if (padding is int pad && picked.RequiresGrad)
        {
            // Same values either way; the gradient reaches the table only through the positions that are not padding.
            var isPadding = flat.Eq(pad).Unsqueeze(1);                  // [n, 1]
            picked = Tensor.Where(isPadding, picked.Detach(), picked);
        }
        return picked.Reshape([.. input.ShapeArray, weight.ShapeArray[1]]);
    }

    /// <summary>padding_idx as torch checks it: in [-V, V), a negative value counting from the end.</summary>
    internal static int NormalizePaddingIdx(int paddingIdx, int rows)
    {
        if (paddingIdx < -rows || paddingIdx >= rows)
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), paddingIdx,
                $"Embedding: paddingIdx {paddingIdx} must be within the table's {rows} rows (expected [{-rows}, {rows - 1}]).");
        return paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
    }
}
