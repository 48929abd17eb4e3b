using System.Globalization;
using AutoNet.Data;
using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// What <see cref="RNN"/>, <see cref="GRU"/> and <see cref="LSTM"/> share: the per-layer parameters with PyTorch's
/// names (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>, then <c>..._l1</c>),
/// their initialisation (every one uniform in ±1/√hiddenSize, as PyTorch), the input and state checks, and the loop
/// over layers and time steps. Each step is built from Tensor ops (Linear, Sigmoid, Tanh, Stack...), so gradients of
/// every order come from autograd. Inputs are <c>[L, N, inputSize]</c>, <c>[N, L, inputSize]</c> with
/// <see cref="BatchFirst"/>, or unbatched <c>[L, inputSize]</c>; states are <c>[numLayers, N, hiddenSize]</c>
/// (never batch-first), or <c>[numLayers, hiddenSize]</c> for unbatched input. Bidirectional layers are not
/// provided. PyTorch: <c>torch.nn.RNNBase</c>.
/// </summary>
public abstract class RNNBase : Module
{
    private readonly Parameter[] _weightIh, _weightHh;
    private readonly Parameter?[] _biasIh, _biasHh;
    private readonly NumPyRandomState? _generator;

    private protected RNNBase(int gates, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst, double dropout,
        DType dtype, NumPyRandomState? generator)
    {
        string op = GetType().Name;
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{op}: inputSize must be >= 1, got {inputSize}.");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{op}: hiddenSize must be >= 1, got {hiddenSize}.");
        if (numLayers < 1) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, $"{op}: numLayers must be >= 1, got {numLayers}.");
        if (!(dropout >= 0 && dropout <= 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{op}: dropout (the probability of zeroing an element between layers) must be in [0, 1], got {dropout}.");
        dtype.CheckedFloat(op);
        (InputSize, HiddenSize, NumLayers, Bias, BatchFirst, Dropout, _generator) =
            (inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, generator);
        _weightIh = new Parameter[numLayers];
        _weightHh = new Parameter[numLayers];
        _biasIh = new Parameter?[numLayers];
        _biasHh = new Parameter?[numLayers];
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        Parameter Draw(params int[] shape) => new(Init.Uniform(shape, -bound, bound, dtype, generator));
        for (int l = 0; l < numLayers; l++)
        {
            // PyTorch's reset_parameters: every parameter uniform(-1/√H, 1/√H), in the state dict's order.
            _weightIh[l] = Draw(gates * hiddenSize, l == 0 ? inputSize : hiddenSize);
            _weightHh[l] = Draw(gates * hiddenSize, hiddenSize);
            if (bias)
            {
                _biasIh[l] = Draw(gates * hiddenSize);
                _biasHh[l] = Draw(gates * hiddenSize);
            }
        }
    }

    /// <summary>Features of each input step.</summary>
    public int InputSize { get; }

    /// <summary>Features of the hidden state (and of each output step).</summary>
    public int HiddenSize { get; }

    /// <summary>Stacked recurrent layers; layer k &gt; 0 reads layer k - 1's output sequence.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers have the biases <c>bias_ih_lk</c> and <c>bias_hh_lk</c>.</summary>
    public bool Bias { get; }

    /// <summary>Input and output are <c>[N, L, *]</c> instead of <c>[L, N, *]</c> (the states are not affected).</summary>
    public bool BatchFirst { get; }

    /// <summary>Probability of zeroing an element of each layer's output but the last's, in training mode only
    /// (<see cref="F.Dropout"/>; PyTorch's scaling, a different random stream).</summary>
    public double Dropout { get; }

    /// <summary>The input-to-hidden weights by layer, <c>weight_ih_lk</c>: [gates·hiddenSize, inputSize] for layer 0,
    /// [gates·hiddenSize, hiddenSize] after (gates: RNN 1, GRU 3 as r, z, n, LSTM 4 as i, f, g, o).</summary>
    public IReadOnlyList<Parameter> WeightIh => _weightIh;

    /// <summary>The hidden-to-hidden weights by layer, <c>weight_hh_lk</c>: [gates·hiddenSize, hiddenSize].</summary>
    public IReadOnlyList<Parameter> WeightHh => _weightHh;

    /// <summary>The input-to-hidden biases by layer, <c>bias_ih_lk</c>: [gates·hiddenSize] (null entries without bias).</summary>
    public IReadOnlyList<Parameter?> BiasIh => _biasIh;

    /// <summary>The hidden-to-hidden biases by layer, <c>bias_hh_lk</c>: [gates·hiddenSize] (null entries without bias).</summary>
    public IReadOnlyList<Parameter?> BiasHh => _biasHh;

    /// <summary>The output sequence: <c>[L, N, hiddenSize]</c> (<c>[N, L, hiddenSize]</c> with
    /// <see cref="BatchFirst"/>, <c>[L, hiddenSize]</c> for unbatched input), the last layer's hidden state at every
    /// step, from zero initial states. Use <c>ForwardWithState</c> for the final state or to give the initial one.</summary>
    /// <param name="input"><c>[L, N, inputSize]</c>, <c>[N, L, inputSize]</c> with <see cref="BatchFirst"/>, or <c>[L, inputSize]</c>.</param>
    public sealed override Tensor Forward(Tensor input) => Run(input, null).Output;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Parameter Parameter)> DirectParameters()
    {
        for (int l = 0; l < NumLayers; l++)
        {
            string k = l.ToString(CultureInfo.InvariantCulture);
            yield return ("weight_ih_l" + k, _weightIh[l]);
            yield return ("weight_hh_l" + k, _weightHh[l]);
            if (_biasIh[l] is { } bi) yield return ("bias_ih_l" + k, bi);
            if (_biasHh[l] is { } bh) yield return ("bias_hh_l" + k, bh);
        }
    }

    /// <summary>PyTorch's extra_repr: sizes, then the settings that differ from the defaults.</summary>
    protected override string ExtraRepr()
    {
        var s = string.Create(CultureInfo.InvariantCulture, $"{InputSize}, {HiddenSize}");
        if (NumLayers != 1) s += string.Create(CultureInfo.InvariantCulture, $", num_layers={NumLayers}");
        if (!Bias) s += ", bias=False";
        if (BatchFirst) s += ", batch_first=True";
        if (Dropout != 0) s += ", dropout=" + PyRepr.Float(Dropout);
        return s;
    }

    /// <summary>The names of the state's tensors, in order: h0 (RNN, GRU), or h0 and c0 (LSTM).</summary>
    private protected abstract string[] StateNames { get; }

    /// <summary>One time step of layer <paramref name="layer"/>: from the input's gates x·W_ihᵀ + b_ih ([N, gates·H])
    /// and the layer's state (h, or h and c), the new state; its first tensor is the step's output.</summary>
    private protected abstract Tensor[] Step(Tensor inputGates, Tensor[] state, int layer);

    /// <summary>h·W_hhᵀ + b_hh of layer <paramref name="layer"/>: [N, gates·H].</summary>
    private protected Tensor HiddenGates(Tensor h, int layer) => F.Linear(h, _weightHh[layer], _biasHh[layer]);

    /// <summary>
    /// Runs every layer over the sequence. <paramref name="initial"/> holds the initial state's tensors (h, or h and
    /// c, named by <see cref="StateNames"/> in errors), each <c>[numLayers, N, H]</c> (<c>[numLayers, H]</c> for
    /// unbatched input), or is null for zeros. Returns the output sequence and the final state's tensors, shaped as
    /// the initial ones.
    /// </summary>
    private protected (Tensor Output, Tensor[] Final) Run(Tensor input, Tensor?[]? initial)
    {
        ArgumentNullException.ThrowIfNull(input);
        string op = GetType().Name;
        var x = Sequence(input, op);
        bool batched = input.Rank == 3;
        int length = x.ShapeArray[0];
        var layerStates = InitialStates(initial, batched, x.ShapeArray[1], input.DType, op);

        var layerInput = x;
        for (int l = 0; l < NumLayers; l++)
        {
            var inputGates = F.Linear(layerInput, _weightIh[l], _biasIh[l]); // all steps at once: [L, N, gates·H]
            var outputs = new Tensor[length];
            var state = layerStates[l];
            for (int t = 0; t < length; t++)
            {
                state = Step(inputGates.Select(0, t), state, l);
                outputs[t] = state[0];
            }
            layerStates[l] = state;
            layerInput = Tensor.Stack(outputs, 0);
            if (l < NumLayers - 1 && Training && Dropout > 0) layerInput = F.Dropout(layerInput, Dropout, true, _generator);
        }

        var output = batched ? (BatchFirst ? layerInput.Transpose(0, 1) : layerInput) : layerInput.Squeeze(1);
        var final = new Tensor[StateNames.Length];
        for (int c = 0; c < final.Length; c++)
        {
            var stacked = Tensor.Stack(layerStates.Select(s => s[c]).ToArray(), 0);
            final[c] = batched ? stacked : stacked.Squeeze(1);
        }
        return (output, final);
    }

    /// <summary>Each layer's initial state tensors ([N, H] views of the given states, or zeros), checked.</summary>
    private Tensor[][] InitialStates(Tensor?[]? initial, bool batched, int n, DType dtype, string op)
    {
        var names = StateNames;
        var states = new Tensor[NumLayers][];
        for (int l = 0; l < NumLayers; l++) states[l] = new Tensor[names.Length];
        for (int c = 0; c < names.Length; c++)
        {
            var given = initial?[c];
            Tensor full;
            if (given is null) full = Tensor.Zeros([NumLayers, n, HiddenSize], dtype);
            else
            {
                CheckState(given, names[c], batched, n, dtype, op);
                full = batched ? given : given.Unsqueeze(1);
            }
            for (int l = 0; l < NumLayers; l++) states[l][c] = full.Select(0, l);
        }
        return states;
    }

    /// <summary>The input as [L, N, inputSize], after checking its rank, size, length and dtype.</summary>
    private Tensor Sequence(Tensor input, string op)
    {
        string layout = BatchFirst ? "[N, L, inputSize]" : "[L, N, inputSize]";
        string expected = string.Create(CultureInfo.InvariantCulture,
            $"{layout} with inputSize = {InputSize} (or unbatched [L, {InputSize}])");
        if (input.Rank is not (2 or 3))
            throw new ArgumentException($"{op}: expected input {expected}, got a {input.Rank}-d tensor of shape {ShapeUtil.Format(input.ShapeArray)}.", nameof(input));
        if (input.ShapeArray[^1] != InputSize)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{op}: expected input {expected}, got shape {ShapeUtil.Format(input.ShapeArray)} (last dim {input.ShapeArray[^1]} != {InputSize})."), nameof(input));
        if (input.DType != _weightIh[0].DType)
            throw new ArgumentException($"{op}: input has dtype {input.DType.Name()} but the parameters are {_weightIh[0].DType.Name()}; convert one of them (Tensor.To, Module.To).", nameof(input));
        var x = input.Rank == 2 ? input.Unsqueeze(1) : BatchFirst ? input.Transpose(0, 1) : input;
        if (x.ShapeArray[0] == 0)
            throw new ArgumentException($"{op}: the sequence is empty (input shape {ShapeUtil.Format(input.ShapeArray)}); expected at least one step, as PyTorch.", nameof(input));
        return x;
    }

    private void CheckState(Tensor state, string name, bool batched, int n, DType dtype, string op)
    {
        int[] expected = batched ? [NumLayers, n, HiddenSize] : [NumLayers, HiddenSize];
        if (!state.ShapeArray.AsSpan().SequenceEqual(expected))
            throw new ArgumentException(
                $"{op}: expected the initial state {name} of shape {ShapeUtil.Format(expected)} " +
                $"({(batched ? "numLayers, batch, hiddenSize" : "numLayers, hiddenSize, for unbatched input")}), got {ShapeUtil.Format(state.ShapeArray)}.", name);
        if (state.DType != dtype)
            throw new ArgumentException($"{op}: the initial state {name} has dtype {state.DType.Name()} but the input is {dtype.Name()}.", name);
    }
}
