using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A multi-layer gated recurrent unit network, PyTorch's equations: r = σ(W_ir x + b_ir + W_hr h + b_hr),
/// z = σ(W_iz x + b_iz + W_hz h + b_hz), n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 - z) ⊙ n + z ⊙ h.
/// Parameters <c>weight_ih_lk</c> [3H, in], <c>weight_hh_lk</c> [3H, H], <c>bias_ih_lk</c> and <c>bias_hh_lk</c>
/// [3H], the gates stacked in the order r, z, n, all uniform in ±1/√H as PyTorch. Input <c>[L, N, in]</c>
/// (<c>[N, L, in]</c> with batchFirst) or unbatched <c>[L, in]</c>; see <see cref="RNNBase"/>. Not bidirectional.
/// PyTorch: <c>torch.nn.GRU</c>.
/// </summary>
public sealed class GRU : RNNBase
{
    /// <summary>Creates the layer and initialises it as PyTorch does.</summary>
    /// <param name="inputSize">Features of each input step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="numLayers">Stacked recurrent layers.</param>
    /// <param name="bias">Whether to learn the biases b_ih and b_hh.</param>
    /// <param name="batchFirst">Input and output are [N, L, *] instead of [L, N, *].</param>
    /// <param name="dropout">Dropout probability on each layer's output but the last's, in training mode.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values and the dropout masks (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1 or dropout outside [0, 1].</exception>
    public GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        DType dtype = DType.Float64, NumPyRandomState? generator = null)
        : base(3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, dtype, generator)
    {
    }

    /// <summary>
    /// Runs the sequence from <paramref name="h0"/> (zeros when null) and returns the output sequence (as
    /// <see cref="RNNBase.Forward"/>) and the final hidden state h_n of every layer.
    /// PyTorch: <c>output, h_n = gru(input, h_0)</c>.
    /// </summary>
    /// <param name="input"><c>[L, N, inputSize]</c>, <c>[N, L, inputSize]</c> with batchFirst, or unbatched <c>[L, inputSize]</c>.</param>
    /// <param name="h0">Initial hidden state <c>[numLayers, N, hiddenSize]</c> (<c>[numLayers, hiddenSize]</c> for unbatched input), or null.</param>
    /// <returns>Output <c>[L, N, hiddenSize]</c> (batch-first or unbatched like the input) and State h_n, shaped as h0.</returns>
    /// <exception cref="ArgumentException">The input or h0 has the wrong rank, size, shape or dtype.</exception>
    public (Tensor Output, Tensor State) ForwardWithState(Tensor input, Tensor? h0 = null)
    {
        var (output, final) = Run(input, [h0]);
        return (output, final[0]);
    }

    private protected override string[] StateNames => ["h0"];

    private protected override Tensor[] Step(Tensor inputGates, Tensor[] state, int layer)
    {
        var h = state[0];
        var i = inputGates.Chunk(3, -1);
        var g = HiddenGates(h, layer).Chunk(3, -1);
        var r = (i[0] + g[0]).Sigmoid();
        var z = (i[1] + g[1]).Sigmoid();
        var n = (i[2] + g[2] * r).Tanh();
        return [(h - n) * z + n]; // = (1 - z) ⊙ n + z ⊙ h, written as PyTorch's kernel does
    }
}
