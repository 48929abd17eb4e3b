using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// The masks of <see cref="MultiheadAttention"/>, checked and made one float mask added to the scores [N·heads, L, S]:
/// a Bool mask (true = masked) becomes 0 / -∞, a float mask stays as it is, the key padding mask [N, S] is repeated for
/// every head and query ([N·heads, 1, S]), and the two are added (torch 1.13's logical_or of Bool masks gives the
/// same -∞ positions).
/// </summary>
internal static class AttentionMasks
{
    private const string Op = "MultiheadAttention";

    /// <summary>The combined float mask, broadcasting to [N·heads, L, S], or null when there is none.</summary>
    public static Tensor? Combine(Tensor? attnMask, Tensor? keyPaddingMask, bool isCausal, int l, int s, int n, int heads, DType dtype)
    {
        Tensor? mask = null;
        if (attnMask is not null)
        {
            CheckDType(attnMask, "attnMask", dtype);
            bool fits = attnMask.Rank switch
            {
                2 => attnMask.ShapeArray.AsSpan().SequenceEqual([l, s]),
                3 => attnMask.ShapeArray.AsSpan().SequenceEqual([n * heads, l, s]),
                _ => false,
            };
            if (!fits)
                throw new ArgumentException(
                    $"{Op}: attnMask must be [L, S] = [{l}, {s}] or [N·heads, L, S] = [{n * heads}, {l}, {s}], got shape {ShapeUtil.Format(attnMask.ShapeArray)}.",
                    nameof(attnMask));
            mask = ToFloat(attnMask, dtype);
        }
        else if (isCausal)
        {
            // The keys after each query are masked: 0 where j ≤ i, -∞ where j > i.
            mask = ToFloat(Tensor.Arange(l, DType.Int64).Unsqueeze(1).Lt(Tensor.Arange(s, DType.Int64)), dtype);
        }
        if (keyPaddingMask is not null)
        {
            CheckDType(keyPaddingMask, "keyPaddingMask", dtype);
            if (!keyPaddingMask.ShapeArray.AsSpan().SequenceEqual([n, s]))
                throw new ArgumentException(
                    $"{Op}: keyPaddingMask must be [N, S] = [{n}, {s}] (unbatched [S]), got shape {ShapeUtil.Format(keyPaddingMask.ShapeArray)}.",
                    nameof(keyPaddingMask));
            var padding = ToFloat(keyPaddingMask, dtype).Reshape(n, 1, 1, s).Expand(n, heads, 1, s).Reshape(n * heads, 1, s);
            mask = mask is null ? padding : mask + padding;
        }
        return mask;
    }

    /// <summary>A Bool mask (true = masked) as 0 / -∞ in <paramref name="dtype"/>; a float mask as it is.</summary>
    private static Tensor ToFloat(Tensor mask, DType dtype) =>
        mask.DType == DType.Bool ? Tensor.Zeros(mask.ShapeArray, dtype).MaskedFill(mask, double.NegativeInfinity) : mask;

    private static void CheckDType(Tensor mask, string name, DType dtype)
    {
        if (mask.DType != DType.Bool && mask.DType != dtype)
            throw new ArgumentException(
                $"{Op}: {name} must be Bool (true = masked) or the inputs' dtype {dtype.Name()} (added to the scores), got {mask.DType.Name()}.", name);
    }
}
