using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A multi-layer long short-term memory network, PyTorch's equations: i = σ(W_ii x + b_ii + W_hi h + b_hi),
/// f = σ(...), g = tanh(...), o = σ(...), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'). Parameters <c>weight_ih_lk</c>
/// [4H, in], <c>weight_hh_lk</c> [4H, H], <c>bias_ih_lk</c> and <c>bias_hh_lk</c> [4H], the gates stacked in the
/// order i, f, g, o, all uniform in ±1/√H as PyTorch. Input <c>[L, N, in]</c> (<c>[N, L, in]</c> with batchFirst)
/// or unbatched <c>[L, in]</c>; see <see cref="RNNBase"/>. Not bidirectional, no proj_size. PyTorch: <c>torch.nn.LSTM</c>.
/// </summary>
public sealed class LSTM : RNNBase
{
    /// <summary>Creates the layer and initialises it as PyTorch does.</summary>
    /// <param name="inputSize">Features of each input step.</param>
    /// <param name="hiddenSize">Features of the hidden and cell states.</param>
    /// <param name="numLayers">Stacked recurrent layers.</param>
    /// <param name="bias">Whether to learn the biases b_ih and b_hh.</param>
    /// <param name="batchFirst">Input and output are [N, L, *] instead of [L, N, *].</param>
    /// <param name="dropout">Dropout probability on each layer's output but the last's, in training mode.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values and the dropout masks (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1 or dropout outside [0, 1].</exception>
    public LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        DType dtype = DType.Float64, NumPyRandomState? generator = null)
        : base(4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, dtype, generator)
    {
    }

    /// <summary>
    /// Runs the sequence from <paramref name="state"/> (zeros when null) and returns the output sequence (as
    /// <see cref="RNNBase.Forward"/>) and the final hidden and cell states of every layer.
    /// PyTorch: <c>output, (h_n, c_n) = lstm(input, (h_0, c_0))</c>.
    /// </summary>
    /// <param name="input"><c>[L, N, inputSize]</c>, <c>[N, L, inputSize]</c> with batchFirst, or unbatched <c>[L, inputSize]</c>.</param>
    /// <param name="state">Initial (h_0, c_0), each <c>[numLayers, N, hiddenSize]</c> (<c>[numLayers, hiddenSize]</c> for unbatched input), or null.</param>
    /// <returns>Output <c>[L, N, hiddenSize]</c> (batch-first or unbatched like the input) and State (h_n, c_n), shaped as h_0 and c_0.</returns>
    /// <exception cref="ArgumentNullException">The state is given with a null H or C.</exception>
    /// <exception cref="ArgumentException">The input or a state tensor has the wrong rank, size, shape or dtype.</exception>
    public (Tensor Output, LSTMState State) ForwardWithState(Tensor input, LSTMState? state = null)
    {
        if (state is not null && (state.H is null || state.C is null))
            throw new ArgumentNullException(nameof(state), "LSTM: the state's H and C must both be given (or pass no state for zeros).");
        var (output, final) = Run(input, state is null ? null : [state.H, state.C]);
        return (output, new LSTMState(final[0], final[1]));
    }

    private protected override string[] StateNames => ["h0", "c0"];

    private protected override Tensor[] Step(Tensor inputGates, Tensor[] state, int layer)
    {
        var gates = (HiddenGates(state[0], layer) + inputGates).Chunk(4, -1);
        var i = gates[0].Sigmoid();
        var f = gates[1].Sigmoid();
        var g = gates[2].Tanh();
        var o = gates[3].Sigmoid();
        var c = f * state[1] + i * g;
        return [o * c.Tanh(), c];
    }
}
