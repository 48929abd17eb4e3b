// The model of Bengio et al. (2003) as in makemore part 2: an embedding table C looked up with C[X], the three
// embeddings side by side, a tanh hidden layer and the logits of the next character.
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;

namespace NamesExample;

/// <summary>
/// logits = Output(tanh(Hidden(C[X].View(-1, 3 · embed)))). C is [27, embed]; X is [B, 3] Int64 contexts.
/// PyTorch: <c>C = torch.randn(27, embed)</c>, <c>nn.Linear(3 * embed, hidden)</c>, <c>nn.Linear(hidden, 27)</c>.
/// </summary>
public sealed class NamesMlp : Module
{
    /// <summary>
    /// Draws, in this order, C ~ randn (NumPy's standard normal) and the two Linear layers (PyTorch's default
    /// init, uniform in ±1/√fan_in, weight then bias) from <paramref name="generator"/>, then casts to
    /// <paramref name="dtype"/>. examples/Names/reference/names_torch.py draws the same values with NumPy.
    /// </summary>
    public NamesMlp(NumPyRandomState generator, int embed = 10, int hidden = 200, DType dtype = DType.Float32)
    {
        int vocabulary = NamesData.Vocabulary.Length;
        C = new Parameter(generator.Randn(vocabulary, embed).To(dtype));
        Hidden = new Linear(NamesData.BlockSize * embed, hidden, dtype: dtype, generator: generator);
        Output = new Linear(hidden, vocabulary, dtype: dtype, generator: generator);
    }

    /// <summary>The embedding table, one row of <c>embed</c> numbers per character.</summary>
    public Parameter C { get; }

    /// <summary>The hidden layer, 3 · embed → hidden, followed by tanh.</summary>
    public Linear Hidden { get; }

    /// <summary>The output layer, hidden → 27 logits.</summary>
    public Linear Output { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var emb = C[input];                                      // [B, 3, embed]: row X[b, t] of C
        var h = Hidden.Forward(emb.View(-1, Hidden.InFeatures)).Tanh(); // [B, hidden]
        return Output.Forward(h);                                // [B, 27]
    }
}
