using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>RNN, GRU and LSTM: parameter names, shapes and initialisation as PyTorch, printout, the input layouts
/// (batch first, unbatched), the state, dropout between layers, and the errors for wrong inputs and states.</summary>
public class RecurrentLayerTests
{
    [Fact]
    public void Parameters_are_named_and_shaped_as_PyTorch_layer_by_layer_with_the_gates_stacked()
    {
        var lstm = new LSTM(5, 3, numLayers: 2);
        Assert.Equal(
            ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"],
            lstm.StateDict().Keys);
        Assert.Equal([12, 5], lstm.WeightIh[0].Shape);
        Assert.Equal([12, 3], lstm.WeightIh[1].Shape);
        Assert.Equal([12, 3], lstm.WeightHh[1].Shape);
        Assert.Equal([12], lstm.BiasHh[1]!.Shape);
        Assert.Equal([9, 5], new GRU(5, 3).WeightIh[0].Shape);
        Assert.Equal([3, 5], new RNN(5, 3).WeightIh[0].Shape);
        var noBias = new GRU(2, 4, numLayers: 2, bias: false);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "weight_ih_l1", "weight_hh_l1"], noBias.NamedParameters().Select(p => p.Name));
        Assert.Null(noBias.BiasIh[1]);
        Assert.Equal(4 * 3 * (5 + 3 + 2) + 4 * 3 * (3 + 3 + 2), lstm.ParameterCount());
    }

    [Fact]
    public void Every_parameter_starts_uniform_within_one_over_the_root_of_the_hidden_size()
    {
        var gru = new GRU(7, 16, numLayers: 2, generator: new NumPyRandomState(1));
        foreach (var (name, p) in gru.NamedParameters())
        {
            var v = p.ToArray();
            Assert.All(v, a => Assert.InRange(a, -0.25, 0.25));
            Assert.True(v.Max() > 0.2 && v.Min() < -0.2, $"{name} should fill ±1/√16 = ±0.25, got [{v.Min()}, {v.Max()}]");
        }
        var again = new GRU(7, 16, numLayers: 2, generator: new NumPyRandomState(1));
        Assert.Equal(gru.WeightHh[1].ToArray(), again.WeightHh[1].ToArray());
        Assert.Equal(DType.Float32, new LSTM(2, 3, dtype: DType.Float32).BiasIh[0]!.DType);
    }

    [Fact]
    public void Printout_reads_like_PyTorchs_repr()
    {
        Assert.Equal("RNN(2, 3, num_layers=2, bias=False, batch_first=True, dropout=0.5)",
            new RNN(2, 3, 2, bias: false, batchFirst: true, dropout: 0.5, nonlinearity: "relu").ToString());
        Assert.Equal("GRU(2, 3)", new GRU(2, 3).ToString());
        Assert.Equal("LSTM(4, 8, num_layers=3)", new LSTM(4, 8, 3).ToString());
    }

    [Fact]
    public void Batch_first_and_unbatched_inputs_give_the_same_numbers_as_the_sequence_first_layout()
    {
        var seqFirst = new LSTM(3, 4, numLayers: 2, generator: new NumPyRandomState(2));
        var batchFirst = new LSTM(3, 4, numLayers: 2, batchFirst: true);
        batchFirst.LoadStateDict(seqFirst.StateDict());
        var x = new NumPyRandomState(3).Randn(5, 2, 3); // [L, N, in]

        var (y, state) = seqFirst.ForwardWithState(x);
        var (yb, stateB) = batchFirst.ForwardWithState(x.Transpose(0, 1).Contiguous());
        Assert.Equal([5, 2, 4], y.Shape);
        Assert.Equal([2, 5, 4], yb.Shape);
        Assert.Equal(y.Transpose(0, 1).ToArray(), yb.ToArray());
        Assert.Equal([2, 2, 4], stateB.H.Shape); // the state is never batch first
        Assert.Equal(state.C.ToArray(), stateB.C.ToArray());

        var x1 = x.Select(1, 1).Contiguous(); // [L, in], the second sequence alone
        var (yu, stateU) = seqFirst.ForwardWithState(x1);
        Assert.Equal([5, 4], yu.Shape);
        Assert.Equal([2, 4], stateU.H.Shape);
        TorchGolden.AssertClose(y.Select(1, 1).ToArray(), yu.ToArray(), "unbatched output", 1e-14);
        TorchGolden.AssertClose(state.H.Select(1, 1).ToArray(), stateU.H.ToArray(), "unbatched h_n", 1e-14);
    }

    [Fact]
    public void The_final_hidden_state_of_the_last_layer_is_the_last_output_step_and_Forward_is_the_output()
    {
        var rnn = new RNN(2, 3, numLayers: 2, generator: new NumPyRandomState(4));
        var x = new NumPyRandomState(5).Randn(4, 3, 2);
        var h0 = new NumPyRandomState(6).Randn(2, 3, 3);
        var (y, hN) = rnn.ForwardWithState(x, h0);
        Assert.Equal(y.Select(0, 3).ToArray(), hN.Select(0, 1).ToArray());
        Assert.Equal(rnn.ForwardWithState(x).Output.ToArray(), rnn.Forward(x).ToArray());
        Assert.NotEqual(rnn.Forward(x).ToArray(), y.ToArray()); // the initial state matters
    }

    [Fact]
    public void A_relu_RNN_clamps_at_zero_and_a_one_step_tanh_RNN_is_tanh_of_the_two_affine_maps()
    {
        var rnn = new RNN(2, 3, generator: new NumPyRandomState(7));
        var x = new NumPyRandomState(8).Randn(1, 1, 2);
        var h0 = new NumPyRandomState(9).Randn(1, 1, 3);
        var expected = (F.Linear(x.Select(0, 0), rnn.WeightIh[0], rnn.BiasIh[0]) + F.Linear(h0.Select(0, 0), rnn.WeightHh[0], rnn.BiasHh[0])).Tanh();
        Assert.Equal(expected.ToArray(), rnn.ForwardWithState(x, h0).Output.Select(0, 0).ToArray());

        var relu = new RNN(2, 3, nonlinearity: "relu");
        relu.LoadStateDict(rnn.StateDict());
        Assert.All(relu.Forward(new NumPyRandomState(10).Randn(6, 2, 2)).ToArray(), v => Assert.True(v >= 0));
        Assert.Contains(rnn.Forward(new NumPyRandomState(10).Randn(6, 2, 2)).ToArray(), v => v < 0);
    }

    [Fact]
    public void Dropout_acts_between_layers_in_training_only()
    {
        var x = new NumPyRandomState(11).Randn(4, 2, 3);
        var other = new NumPyRandomState(12).Randn(4, 2, 3);
        var plain = new GRU(3, 5, numLayers: 2, generator: new NumPyRandomState(13));
        var all = new GRU(3, 5, numLayers: 2, dropout: 1.0);
        all.LoadStateDict(plain.StateDict());
        // p = 1 zeroes layer 0's output, so in training the output no longer depends on the input.
        Assert.Equal(all.Forward(x).ToArray(), all.Forward(other).ToArray());
        Assert.NotEqual(plain.Forward(x).ToArray(), all.Forward(x).ToArray());
        all.Eval();
        Assert.Equal(plain.Forward(x).ToArray(), all.Forward(x).ToArray());

        var half = new GRU(3, 5, numLayers: 2, dropout: 0.5, generator: new NumPyRandomState(14));
        half.LoadStateDict(plain.StateDict());
        Assert.NotEqual(plain.Forward(x).ToArray(), half.Forward(x).ToArray());
        // One layer: nothing lies between layers, so dropout changes nothing (as in PyTorch).
        var one = new LSTM(3, 5, dropout: 1.0, generator: new NumPyRandomState(15));
        var oneNoDrop = new LSTM(3, 5);
        oneNoDrop.LoadStateDict(one.StateDict());
        Assert.Equal(oneNoDrop.Forward(x).ToArray(), one.Forward(x).ToArray());
    }

    [Fact]
    public void Module_To_converts_every_layers_parameters()
    {
        var lstm = new LSTM(2, 3, numLayers: 2);
        lstm.To(DType.Float32);
        Assert.All(lstm.Parameters(), p => Assert.Equal(DType.Float32, p.DType));
        Assert.Equal(DType.Float32, lstm.Forward(Tensor.Zeros([3, 2], DType.Float32)).DType);
    }

    [Fact]
    public void Wrong_inputs_are_refused_naming_the_expected_and_the_actual_shape()
    {
        var rnn = new RNN(4, 3, numLayers: 2);
        var e = Assert.Throws<ArgumentException>(() => rnn.Forward(Tensor.Zeros(5, 2, 6)));
        Assert.Contains("[L, N, inputSize] with inputSize = 4", e.Message);
        Assert.Contains("[5, 2, 6]", e.Message);
        Assert.Contains("6 != 4", e.Message);
        e = Assert.Throws<ArgumentException>(() => new GRU(4, 3, batchFirst: true).Forward(Tensor.Zeros(1, 5, 2, 4)));
        Assert.Contains("[N, L, inputSize]", e.Message);
        Assert.Contains("4-d tensor of shape [1, 5, 2, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => rnn.Forward(Tensor.Zeros(4)));
        Assert.Contains("1-d", e.Message);
        e = Assert.Throws<ArgumentException>(() => rnn.Forward(Tensor.Zeros(0, 2, 4)));
        Assert.Contains("the sequence is empty", e.Message);
        e = Assert.Throws<ArgumentException>(() => rnn.Forward(Tensor.Zeros([5, 2, 4], DType.Float32)));
        Assert.Contains("float32", e.Message);
    }

    [Fact]
    public void Wrong_states_are_refused_naming_the_expected_and_the_actual_shape()
    {
        var gru = new GRU(4, 3, numLayers: 2);
        var e = Assert.Throws<ArgumentException>(() => gru.ForwardWithState(Tensor.Zeros(5, 2, 4), Tensor.Zeros(1, 2, 3)));
        Assert.Contains("h0 of shape [2, 2, 3] (numLayers, batch, hiddenSize), got [1, 2, 3]", e.Message);
        e = Assert.Throws<ArgumentException>(() => gru.ForwardWithState(Tensor.Zeros(5, 4), Tensor.Zeros(2, 1, 3)));
        Assert.Contains("h0 of shape [2, 3] (numLayers, hiddenSize, for unbatched input), got [2, 1, 3]", e.Message);
        var lstm = new LSTM(4, 3);
        e = Assert.Throws<ArgumentException>(() => lstm.ForwardWithState(Tensor.Zeros(5, 2, 4), new LSTMState(Tensor.Zeros(1, 2, 3), Tensor.Zeros(1, 2, 4))));
        Assert.Contains("c0 of shape [1, 2, 3]", e.Message);
        Assert.Contains("got [1, 2, 4]", e.Message);
        Assert.Throws<ArgumentNullException>(() => lstm.ForwardWithState(Tensor.Zeros(5, 2, 4), new LSTMState(Tensor.Zeros(1, 2, 3), null!)));
    }

    [Fact]
    public void Wrong_settings_are_refused()
    {
        Assert.Contains("unknown nonlinearity 'sigmoid'", Assert.Throws<ArgumentOutOfRangeException>(() => new RNN(2, 3, nonlinearity: "sigmoid")).Message);
        Assert.Contains("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(2, 3, dropout: 1.5)).Message);
        Assert.Contains("hiddenSize must be >= 1, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new GRU(2, 0)).Message);
        Assert.Contains("numLayers must be >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new GRU(2, 3, 0)).Message);
        Assert.Contains("inputSize must be >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new RNN(0, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(2, 3, dtype: DType.Int64));
    }
}

/// <summary>The recurrent layers inside models: in a Sequential (Forward gives the output sequence) and trained.</summary>
public class RecurrentTrainingTests
{
    [Fact]
    public void An_LSTM_in_a_Sequential_learns_the_running_sum_of_its_input()
    {
        var model = new Sequential(
            new LSTM(1, 8, generator: new NumPyRandomState(1)),
            new Linear(8, 1, generator: new NumPyRandomState(2)));
        Assert.Equal(["0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "1.weight", "1.bias"], model.StateDict().Keys);
        var x = new NumPyRandomState(3).Uniform(-1, 1, 6, 16, 1); // [L, N, 1]
        var target = x.CumSum(0);
        var optimizer = new AutoNet.Optim.Adam(model.Parameters(), lr: 0.03);
        double Loss() => F.MseLoss(model.Forward(x), target).Item();

        double before = Loss();
        for (int step = 0; step < 150; step++)
        {
            optimizer.ZeroGrad();
            F.MseLoss(model.Call(x), target).Backward();
            optimizer.Step();
        }
        double after = Loss();
        Assert.True(after < 0.05 * before, $"MSE went from {before:G4} to {after:G4}; expected below 5% of the start");
    }
}
