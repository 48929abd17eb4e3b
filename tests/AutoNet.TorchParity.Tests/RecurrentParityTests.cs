using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// RNN, GRU and LSTM against libtorch, live, in float64 and float32: a TorchSharp module's state dict is loaded into AutoNet's
/// layer by key, both run the same input (and initial state), and the output, the final state and the gradients of
/// the input, the state and every parameter are compared. Then the converters both ways: settings, weights,
/// dropout carried on export, nonlinearity and batch_first found on import, bidirectional refused.
/// </summary>
public class RecurrentParityTests
{
    public sealed record Config(string Kind, int Input, int Hidden, int Layers, bool Bias, bool BatchFirst, string Nonlinearity, int[] Shape, bool WithState);

    private static readonly Dictionary<string, Config> Configs = new()
    {
        ["RNN tanh 1 layer"] = new("RNN", 3, 4, 1, true, false, "tanh", [5, 2, 3], false),
        ["RNN relu 2 layers batchFirst with state"] = new("RNN", 2, 3, 2, true, true, "relu", [3, 4, 2], true),
        ["RNN unbatched 2 layers no bias with state"] = new("RNN", 3, 2, 2, false, false, "tanh", [4, 3], true),
        ["GRU 1 layer"] = new("GRU", 3, 4, 1, true, false, "tanh", [5, 2, 3], false),
        ["GRU 2 layers batchFirst with state"] = new("GRU", 2, 3, 2, true, true, "tanh", [3, 4, 2], true),
        ["GRU unbatched 2 layers"] = new("GRU", 3, 2, 2, true, false, "tanh", [6, 3], false),
        ["LSTM 1 layer with state"] = new("LSTM", 3, 4, 1, true, false, "tanh", [5, 2, 3], true),
        ["LSTM 2 layers batchFirst"] = new("LSTM", 2, 3, 2, true, true, "tanh", [3, 4, 2], false),
        ["LSTM unbatched 2 layers with state"] = new("LSTM", 3, 2, 2, true, false, "tanh", [4, 3], true),
        ["LSTM 2 layers no bias batchFirst unbatched with state"] = new("LSTM", 2, 5, 2, false, true, "tanh", [7, 2], true),
    };

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in Configs.Keys) foreach (var dtype in new[] { DType.Float64, DType.Float32 }) data.Add(name, dtype);
        return data;
    }

    private static torch.nn.Module TorchModule(Config c, torch.ScalarType st) => c.Kind switch
    {
        "RNN" => torch.nn.RNN(c.Input, c.Hidden, c.Layers, c.Nonlinearity == "relu" ? torch.nn.NonLinearities.ReLU : torch.nn.NonLinearities.Tanh,
            c.Bias, c.BatchFirst, dtype: st),
        "GRU" => torch.nn.GRU(c.Input, c.Hidden, c.Layers, c.Bias, c.BatchFirst, dtype: st),
        _ => torch.nn.LSTM(c.Input, c.Hidden, c.Layers, c.Bias, c.BatchFirst, dtype: st),
    };

    private static RNNBase AutoNetModule(Config c, DType dtype) => c.Kind switch
    {
        "RNN" => new Nn.RNN(c.Input, c.Hidden, c.Layers, c.Bias, c.BatchFirst, nonlinearity: c.Nonlinearity, dtype: dtype),
        "GRU" => new Nn.GRU(c.Input, c.Hidden, c.Layers, c.Bias, c.BatchFirst, dtype: dtype),
        _ => new Nn.LSTM(c.Input, c.Hidden, c.Layers, c.Bias, c.BatchFirst, dtype: dtype),
    };

    [Theory, MemberData(nameof(Cases))]
    public void Layer_loaded_from_a_torch_state_dict_matches_libtorch_in_values_and_gradients(string name, DType dtype)
    {
        var c = Configs[name];
        var st = dtype.ToScalarType();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(Inputs.StableSeed(name));
        var theirs = TorchModule(c, st);
        var ours = AutoNetModule(c, dtype);
        ours.LoadStateDict(theirs.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.ToAutoNet()));

        bool batched = c.Shape.Length == 3;
        long[] stateShape = batched ? [c.Layers, c.BatchFirst ? c.Shape[0] : c.Shape[1], c.Hidden] : [c.Layers, c.Hidden];
        var x = torch.randn(c.Shape.Select(d => (long)d).ToArray(), dtype: st);
        var h0 = c.WithState ? 0.5 * torch.randn(stateShape, dtype: st) : null;
        var c0 = c.WithState && c.Kind == "LSTM" ? 0.5 * torch.randn(stateShape, dtype: st) : null;

        // libtorch. Its C++ modules take batched input only; PyTorch's Python layer runs an unbatched sequence as a
        // batch of one (unsqueeze, run, squeeze), and so does this test (the recorded fixture covers Python itself).
        var tx = x.clone().requires_grad_(true);
        var th0 = h0?.clone().requires_grad_(true);
        var tc0 = c0?.clone().requires_grad_(true);
        int batchDim = c.BatchFirst ? 0 : 1;
        var bx = batched ? tx : tx.unsqueeze(batchDim);
        var bh0 = batched ? th0 : th0?.unsqueeze(1);
        var bc0 = batched ? tc0 : tc0?.unsqueeze(1);
        torch.Tensor tOut, tH;
        torch.Tensor? tC = null;
        if (theirs is TorchModules.LSTM tl) (tOut, tH, tC) = tl.call(bx, bh0 is null ? null : (bh0, bc0!));
        else if (theirs is TorchModules.RNN tr) (tOut, tH) = tr.call(bx, bh0);
        else (tOut, tH) = ((TorchModules.GRU)theirs).call(bx, bh0);
        if (!batched)
        {
            tOut = tOut.squeeze(batchDim);
            tH = tH.squeeze(1);
            tC = tC?.squeeze(1);
        }
        var gOut = torch.randn(tOut.shape, dtype: st);
        var gH = torch.randn(tH.shape, dtype: st);
        var gC = tC is null ? null : torch.randn(tC.shape, dtype: st);
        var tLoss = (tOut * gOut).sum() + (tH * gH).sum();
        if (tC is not null) tLoss += (tC * gC!).sum();
        tLoss.backward();

        // AutoNet
        var ax = x.ToAutoNet(requiresGrad: true);
        var ah0 = h0?.ToAutoNet(requiresGrad: true);
        var ac0 = c0?.ToAutoNet(requiresGrad: true);
        Tensor aOut, aH;
        Tensor? aC = null;
        switch (ours)
        {
            case Nn.LSTM l:
                var (lo, ls) = l.ForwardWithState(ax, ah0 is null ? null : new LSTMState(ah0, ac0!));
                (aOut, aH, aC) = (lo, ls.H, ls.C);
                break;
            case Nn.RNN r:
                (aOut, aH) = r.ForwardWithState(ax, ah0);
                break;
            default:
                (aOut, aH) = ((Nn.GRU)ours).ForwardWithState(ax, ah0);
                break;
        }
        var aLoss = (aOut * gOut.ToAutoNet()).Sum() + (aH * gH.ToAutoNet()).Sum();
        if (aC is not null) aLoss += (aC * gC!.ToAutoNet()).Sum();
        aLoss.Backward();

        var pairs = new List<(string What, Tensor Ours, torch.Tensor Theirs)> { ("output", aOut, tOut), ("h_n", aH, tH), ("gradient of input", ax.Grad!, tx.grad!) };
        if (aC is not null) pairs.Add(("c_n", aC, tC!));
        if (ah0 is not null) pairs.Add(("gradient of h0", ah0.Grad!, th0!.grad!));
        if (ac0 is not null) pairs.Add(("gradient of c0", ac0.Grad!, tc0!.grad!));
        var torchParameters = theirs.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(torchParameters.Keys, ours.NamedParameters().Select(p => p.Name));
        foreach (var (pname, p) in ours.NamedParameters()) pairs.Add(($"gradient of {pname}", p.Grad!, torchParameters[pname].grad!));

        var close = new Close(ParityTolerance.For(dtype), $"{name} {dtype.Name()}");
        foreach (var (what, a, t) in pairs) close.Check(what, a, t);
        Assert.True(close.Failures.Count == 0, close.ToString());
        Assert.Equal(3 + (aC is null ? 0 : 1) + (c.WithState ? (c.Kind == "LSTM" ? 2 : 1) : 0) + ours.NamedParameters().Count(), pairs.Count);
    }

    [Fact]
    public void Export_carries_sizes_weights_nonlinearity_batch_first_and_dropout()
    {
        using var scope = torch.NewDisposeScope();
        var rnn = new Nn.RNN(3, 4, numLayers: 2, bias: false, batchFirst: true, nonlinearity: "relu", generator: new Data.NumPyRandomState(1));
        var exported = Assert.IsType<TorchModules.RNN>(rnn.ToTorchModule());
        Assert.Equal(rnn.StateDict().Keys, exported.state_dict().Keys);
        Assert.Equal(rnn.WeightHh[1].ToArray(), exported.state_dict()["weight_hh_l1"].ToAutoNet().ToArray());
        var x = new Data.NumPyRandomState(2).Randn(2, 5, 3); // batch first
        var (y, _) = exported.call(x.ToTorch(), null);
        var close = new Close(ParityTolerance.Float64, "exported RNN");
        close.Check("output", rnn.Forward(x), y);
        Assert.True(close.Failures.Count == 0, close.ToString()); // relu, batch first and the weights all reached libtorch
        Assert.Contains(rnn.Forward(new Data.NumPyRandomState(3).Randn(2, 5, 3)).ToArray(), v => v == 0); // relu clamps

        // Dropout 1 between the two layers: in training libtorch's output no longer depends on the input.
        var gru = new Nn.GRU(3, 4, numLayers: 2, dropout: 1.0, generator: new Data.NumPyRandomState(4));
        var tg = Assert.IsType<TorchModules.GRU>(gru.ToTorchModule());
        Assert.True(tg.training);
        var (a, _) = tg.call(torch.randn(5, 2, 3, dtype: torch.float64), null);
        var (b, _) = tg.call(torch.randn(5, 2, 3, dtype: torch.float64), null);
        Assert.Equal(a.ToAutoNet().ToArray(), b.ToAutoNet().ToArray());

        var lstm = new Nn.LSTM(2, 3, dtype: DType.Float32);
        var tl = Assert.IsType<TorchModules.LSTM>(lstm.Eval().ToTorchModule());
        Assert.False(tl.training);
        Assert.Equal(torch.float32, tl.state_dict()["weight_ih_l0"].dtype);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("relu")]
    public void Import_reads_sizes_layers_bias_batch_first_and_the_nonlinearity(string nonlinearity)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var theirs = torch.nn.RNN(3, 4, 2, nonlinearity == "relu" ? torch.nn.NonLinearities.ReLU : torch.nn.NonLinearities.Tanh,
            bias: false, batchFirst: true, dtype: torch.float64);
        var rnn = Assert.IsType<Nn.RNN>(theirs.ToAutoNet());
        Assert.Equal((3, 4, 2, false, true, nonlinearity), (rnn.InputSize, rnn.HiddenSize, rnn.NumLayers, rnn.Bias, rnn.BatchFirst, rnn.Nonlinearity));
        var x = torch.randn(2, 6, 3, dtype: torch.float64);
        var (y, _) = theirs.call(x, null);
        var close = new Close(ParityTolerance.Float64, "imported RNN " + nonlinearity);
        close.Check("output", rnn.Forward(x.ToAutoNet()), y);
        Assert.True(close.Failures.Count == 0, close.ToString());
        Assert.True(theirs.training); // the nonlinearity probe restored the mode

        var gru = Assert.IsType<Nn.GRU>(torch.nn.GRU(2, 5, 3, dtype: torch.float32).ToAutoNet());
        Assert.Equal((2, 5, 3, true, false, DType.Float32), (gru.InputSize, gru.HiddenSize, gru.NumLayers, gru.Bias, gru.BatchFirst, gru.WeightIh[0].DType));
        var lstmTorch = torch.nn.LSTM(4, 3, 1, bias: true, batchFirst: true, dtype: torch.float64);
        var lstm = Assert.IsType<Nn.LSTM>(lstmTorch.ToAutoNet());
        Assert.Equal((4, 3, 1, true), (lstm.InputSize, lstm.HiddenSize, lstm.NumLayers, lstm.BatchFirst));
        Assert.Equal(lstmTorch.state_dict()["bias_hh_l0"].ToAutoNet().ToArray(), lstm.BiasHh[0]!.ToArray());
    }

    [Fact]
    public void Bidirectional_modules_and_ToTorch_without_a_forward_of_one_tensor_are_refused_clearly()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<NotSupportedException>(() => torch.nn.LSTM(2, 3, bidirectional: true, dtype: torch.float64).ToAutoNet());
        Assert.Contains("bidirectional", e.Message);
        var e2 = Assert.Throws<NotSupportedException>(() => new Nn.GRU(2, 3).ToTorch());
        Assert.Contains("ToTorchModule", e2.Message);
    }
}
