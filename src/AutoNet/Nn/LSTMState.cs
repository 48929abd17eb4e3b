namespace AutoNet.Nn;

/// <summary>
/// An <see cref="LSTM"/>'s state: the hidden state <paramref name="H"/> and the cell state <paramref name="C"/>, each
/// <c>[numLayers, N, hiddenSize]</c> (<c>[numLayers, hiddenSize]</c> for unbatched input), one row per layer.
/// PyTorch: the tuple <c>(h_0, c_0)</c> given to an LSTM, or <c>(h_n, c_n)</c> returned by it.
/// </summary>
/// <param name="H">The hidden state (h_0 or h_n).</param>
/// <param name="C">The cell state (c_0 or c_n).</param>
public sealed record LSTMState(Tensor H, Tensor C);
