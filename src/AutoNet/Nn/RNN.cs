using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A multi-layer Elman recurrent network: at each step h_t = act(x_t·W_ihᵀ + b_ih + h_(t-1)·W_hhᵀ + b_hh) with act
/// tanh or ReLU; layer k &gt; 0 reads layer k - 1's outputs. Parameters <c>weight_ih_lk</c> [H, in],
/// <c>weight_hh_lk</c> [H, H], <c>bias_ih_lk</c> and <c>bias_hh_lk</c> [H], all uniform in ±1/√H as PyTorch.
/// Input <c>[L, N, in]</c> (<c>[N, L, in]</c> with batchFirst) or unbatched <c>[L, in]</c>; see <see cref="RNNBase"/>.
/// Not bidirectional. PyTorch: <c>torch.nn.RNN</c>.
/// </summary>
public sealed class RNN : RNNBase
{
    /// <summary>Creates the layer and initialises it as PyTorch does.</summary>
    /// <param name="inputSize">Features of each input step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="numLayers">Stacked recurrent layers.</param>
    /// <param name="bias">Whether to learn the biases b_ih and b_hh.</param>
    /// <param name="batchFirst">Input and output are [N, L, *] instead of [L, N, *].</param>
    /// <param name="dropout">Dropout probability on each layer's output but the last's, in training mode.</param>
    /// <param name="nonlinearity"><c>"tanh"</c> (the default) or <c>"relu"</c>.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values and the dropout masks (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, dropout outside [0, 1], or a nonlinearity other than tanh and relu.</exception>
    public RNN(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0,
        string nonlinearity = "tanh", DType dtype = DType.Float64, NumPyRandomState? generator = null)
        : base(1, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, dtype, generator)
    {
        if (nonlinearity is not ("tanh" or "relu"))
            throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, $"RNN: unknown nonlinearity '{nonlinearity}'; expected \"tanh\" or \"relu\".");
        Nonlinearity = nonlinearity;
    }

    /// <summary><c>"tanh"</c> or <c>"relu"</c>.</summary>
    public string Nonlinearity { get; }

    /// <summary>
    /// Runs the sequence from <paramref name="h0"/> (zeros when null) and returns the output sequence (as
    /// <see cref="RNNBase.Forward"/>) and the final hidden state h_n of every layer.
    /// PyTorch: <c>output, h_n = rnn(input, h_0)</c>.
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
        var pre = inputGates + HiddenGates(state[0], layer);
        return [Nonlinearity == "relu" ? pre.Relu() : pre.Tanh()];
    }
}
