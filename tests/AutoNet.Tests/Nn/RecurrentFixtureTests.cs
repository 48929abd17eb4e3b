using System.Text.Json;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Nn;

/// <summary>
/// RNN, GRU and LSTM against PyTorch 1.13: Fixtures/torch-rnn/torch-rnn.json, recorded by record_torch_rnn.py (in
/// that folder) from torch.nn.RNN/GRU/LSTM in float64. Each case loads torch's state dict by key, runs the recorded
/// input (and initial state), and compares the output, the final state and the gradients of the input, the state
/// and every parameter.
/// </summary>
public class RecurrentFixtureTests(ITestOutputHelper log)
{
    private static readonly Lazy<JsonDocument> Document = new(() => Fixtures.Load("torch-rnn", "torch-rnn.json"));

    /// <summary>Relative tolerance (see TorchGolden.AssertClose: small elements are judged against the tensor's scale).</summary>
    private const double Rel = 1e-12;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Document.Value.RootElement.GetProperty("cases").EnumerateObject()) data.Add(c.Name);
        return data;
    }

    [Fact]
    public void The_fixture_covers_each_layer_kind_and_was_recorded_with_torch_1_13()
    {
        Assert.StartsWith("1.13", Document.Value.RootElement.GetProperty("torch").GetString());
        var kinds = Document.Value.RootElement.GetProperty("cases").EnumerateObject()
            .Select(c => c.Value.GetProperty("options").GetProperty("kind").GetString()!).Distinct().Order().ToArray();
        Assert.Equal(new[] { "GRU", "LSTM", "RNN" }, kinds);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Output_final_state_and_gradients_match_PyTorch(string name)
    {
        var c = Document.Value.RootElement.GetProperty("cases").GetProperty(name);
        var o = c.GetProperty("options");
        int inputSize = o.GetProperty("input_size").GetInt32(), hiddenSize = o.GetProperty("hidden_size").GetInt32();
        int numLayers = o.GetProperty("num_layers").GetInt32();
        bool bias = o.GetProperty("bias").GetBoolean(), batchFirst = o.GetProperty("batch_first").GetBoolean();
        string kind = o.GetProperty("kind").GetString()!;
        RNNBase module = kind switch
        {
            "RNN" => new RNN(inputSize, hiddenSize, numLayers, bias, batchFirst, nonlinearity: o.GetProperty("nonlinearity").GetString()!),
            "GRU" => new GRU(inputSize, hiddenSize, numLayers, bias, batchFirst),
            _ => new LSTM(inputSize, hiddenSize, numLayers, bias, batchFirst),
        };
        var state = c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => TorchGolden.Tensor(p.Value));
        module.LoadStateDict(state);

        var inputs = c.GetProperty("inputs");
        var x = TorchGolden.Tensor(inputs.GetProperty("input"), requiresGrad: true);
        Tensor? h0 = inputs.TryGetProperty("h0", out var h) ? TorchGolden.Tensor(h, requiresGrad: true) : null;
        Tensor? c0 = inputs.TryGetProperty("c0", out var cc) ? TorchGolden.Tensor(cc, requiresGrad: true) : null;

        Tensor output, hN;
        Tensor? cN = null;
        switch (module)
        {
            case LSTM lstm:
                var (lo, ls) = lstm.ForwardWithState(x, h0 is null ? null : new LSTMState(h0, c0!));
                (output, hN, cN) = (lo, ls.H, ls.C);
                break;
            case RNN rnn:
                (output, hN) = rnn.ForwardWithState(x, h0);
                break;
            default:
                (output, hN) = ((GRU)module).ForwardWithState(x, h0);
                break;
        }

        double worst = TorchGolden.AssertClose(c.GetProperty("output"), output, $"{name} output", Rel);
        worst = Math.Max(worst, TorchGolden.AssertClose(c.GetProperty("h_n"), hN, $"{name} h_n", Rel));
        var loss = (output * TorchGolden.Tensor(c.GetProperty("grad_output"))).Sum() + (hN * TorchGolden.Tensor(c.GetProperty("grad_h_n"))).Sum();
        if (cN is not null)
        {
            worst = Math.Max(worst, TorchGolden.AssertClose(c.GetProperty("c_n"), cN, $"{name} c_n", Rel));
            loss += (cN * TorchGolden.Tensor(c.GetProperty("grad_c_n"))).Sum();
        }
        loss.Backward();

        var actual = module.NamedParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter);
        actual["input"] = x;
        if (h0 is not null) actual["h0"] = h0;
        if (c0 is not null) actual["c0"] = c0;
        var grads = c.GetProperty("grads").EnumerateObject().ToList();
        Assert.Equal(grads.Select(g => g.Name).Order(), actual.Keys.Order());
        foreach (var g in grads)
            worst = Math.Max(worst, TorchGolden.AssertClose(g.Value, actual[g.Name].Grad ?? throw new Xunit.Sdk.XunitException($"{name}: no gradient for {g.Name}"),
                $"{name} gradient of {g.Name}", Rel));
        log.WriteLine($"{name}: largest relative error {worst:E2} over the output, the final state and {grads.Count} gradients");
    }
}
