using System.Reflection;
using AutoNet.Data;
using AutoNet.Nn;
using TorchSharp;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchSharp;

internal static partial class BuiltInConverters
{
    /// <summary>
    /// RNN, GRU and LSTM, both ways, weights copied by their PyTorch names (<c>weight_ih_l0</c>, ...). Their
    /// TorchSharp modules take a state besides the input, so they convert with <see cref="ModuleConversion.ToTorchModule"/>
    /// (cast to <c>TorchSharp.Modules.RNN</c>, <c>GRU</c> or <c>LSTM</c>) and cannot sit in a Sequential. TorchSharp
    /// 0.107 keeps the settings inside libtorch: on import the sizes, layers and bias are read from the parameters,
    /// batch_first from the module, an RNN's nonlinearity by running one step of layer 0 (in eval mode, restored
    /// after); the dropout probability cannot be read, so an imported layer has dropout 0 (it only matters in
    /// training). Bidirectional modules are refused: AutoNet's recurrent layers run one direction.
    /// </summary>
    private static IEnumerable<ModuleConverter> Recurrent()
    {
        yield return ModuleConverter.CreateContainer<Nn.RNN, TorchModules.RNN>(
            (m, _) => WithWeights(m, torch.nn.RNN(m.InputSize, m.HiddenSize, m.NumLayers,
                m.Nonlinearity == "relu" ? torch.nn.NonLinearities.ReLU : torch.nn.NonLinearities.Tanh, m.Bias, m.BatchFirst, m.Dropout,
                bidirectional: false, dtype: m.WeightIh[0].DType.ToScalarType())),
            (m, _) =>
            {
                var s = RecurrentSettings(m, "RNN", 1);
                return WithWeights(m, new Nn.RNN(s.Input, s.Hidden, s.Layers, s.Bias, s.BatchFirst, 0, RnnNonlinearity(m, s.Bias), s.DType, new NumPyRandomState(0)));
            });
        yield return ModuleConverter.CreateContainer<Nn.GRU, TorchModules.GRU>(
            (m, _) => WithWeights(m, torch.nn.GRU(m.InputSize, m.HiddenSize, m.NumLayers, m.Bias, m.BatchFirst, m.Dropout,
                bidirectional: false, dtype: m.WeightIh[0].DType.ToScalarType())),
            (m, _) =>
            {
                var s = RecurrentSettings(m, "GRU", 3);
                return WithWeights(m, new Nn.GRU(s.Input, s.Hidden, s.Layers, s.Bias, s.BatchFirst, 0, s.DType, new NumPyRandomState(0)));
            });
        yield return ModuleConverter.CreateContainer<Nn.LSTM, TorchModules.LSTM>(
            (m, _) => WithWeights(m, torch.nn.LSTM(m.InputSize, m.HiddenSize, m.NumLayers, m.Bias, m.BatchFirst, m.Dropout,
                bidirectional: false, dtype: m.WeightIh[0].DType.ToScalarType())),
            (m, _) =>
            {
                var s = RecurrentSettings(m, "LSTM", 4);
                return WithWeights(m, new Nn.LSTM(s.Input, s.Hidden, s.Layers, s.Bias, s.BatchFirst, 0, s.DType, new NumPyRandomState(0)));
            });
    }

    /// <summary>Copies every parameter of <paramref name="source"/> into the TorchSharp module's parameter of the same name.</summary>
    private static T WithWeights<T>(RNNBase source, T target) where T : torch.nn.Module
    {
        var parameters = target.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in source.NamedParameters())
            CopyInto(parameters.TryGetValue(name, out var t) ? t : throw new InvalidOperationException(
                $"ModuleConversion: the TorchSharp {typeof(T).Name} has no parameter '{name}'; it has [{string.Join(", ", parameters.Keys)}]."), p);
        return target;
    }

    /// <summary>Copies every TorchSharp parameter into the AutoNet layer's parameter of the same name.</summary>
    private static T WithWeights<T>(torch.nn.Module source, T target) where T : RNNBase
    {
        var parameters = target.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var (name, p) in source.named_parameters())
            CopyInto(parameters.TryGetValue(name, out var t) ? t : throw new NotSupportedException(
                $"ModuleConversion: the TorchSharp {source.GetType().Name} has a parameter '{name}' that AutoNet's {typeof(T).Name} lacks."), p);
        return target;
    }

    private readonly record struct RecurrentShape(int Input, int Hidden, int Layers, bool Bias, bool BatchFirst, DType DType);

    /// <summary>The settings of a TorchSharp RNN, GRU or LSTM: sizes from <c>weight_ih_l0</c> and <c>weight_hh_l0</c>,
    /// layers counted from the <c>weight_ih_lk</c>, bias from <c>bias_ih_l0</c>, batch_first from the module.</summary>
    private static RecurrentShape RecurrentSettings(torch.nn.Module m, string op, int gates)
    {
        var parameters = m.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        if (parameters.Keys.Any(k => k.EndsWith("_reverse", StringComparison.Ordinal)) || PrivateField<bool>(m, "_bidirectional", op))
            throw Unsupported(op, "bidirectional=true (AutoNet's recurrent layers run one direction)");
        var wih = parameters["weight_ih_l0"];
        var whh = parameters["weight_hh_l0"];
        int hidden = Int(whh.shape[1]);
        if (wih.shape[0] != gates * hidden || whh.shape[0] != gates * hidden)
            throw Unsupported(op, $"weights of {wih.shape[0]} rows for hidden size {hidden} (expected {gates}·{hidden}; proj_size is not supported)");
        int layers = parameters.Keys.Count(k => k.StartsWith("weight_ih_l", StringComparison.Ordinal));
        return new RecurrentShape(Int(wih.shape[1]), hidden, layers, parameters.ContainsKey("bias_ih_l0"),
            PrivateField<bool>(m, "_batch_first", op), wih.dtype.ToDType());
    }

    /// <summary>A setting TorchSharp 0.107 keeps in a private field of its recurrent modules (and nowhere else in .NET).</summary>
    private static T PrivateField<T>(torch.nn.Module m, string field, string op) =>
        m.GetType().GetField(field, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(m) is T value ? value
            : throw new NotSupportedException($"ModuleConversion: this TorchSharp version's {op} has no field {field}; its setting cannot be read.");

    /// <summary>
    /// "tanh" or "relu": TorchSharp does not expose an RNN's nonlinearity, so one step of layer 0 is run from a zero
    /// state on a few inputs (in eval mode, so no dropout draws random numbers) and its h_n compared with
    /// tanh and ReLU of x·W_ihᵀ + b_ih + b_hh.
    /// </summary>
    private static string RnnNonlinearity(TorchModules.RNN m, bool bias)
    {
        bool training = m.training;
        m.eval();
        try
        {
            // Taken before the scope, which must dispose only the probe's own tensors.
            var parameters = m.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var wih = parameters["weight_ih_l0"];
            long input = wih.shape[1];
            var probes = new[]
            {
                torch.linspace(-1, 1, input, dtype: wih.dtype), torch.linspace(2, -1, input, dtype: wih.dtype), torch.ones(input, dtype: wih.dtype),
            };
            foreach (var x in probes)
            {
                var pre = torch.nn.functional.linear(x, wih, bias ? parameters["bias_ih_l0"] : null);
                if (bias) pre = pre + parameters["bias_hh_l0"];
                var (_, hN) = m.call(x.reshape(1, 1, input), null);
                var h = hN[0, 0];
                double toTanh = (h - pre.tanh()).abs().max().item<double>();
                double toRelu = (h - pre.relu()).abs().max().item<double>();
                if (toTanh < toRelu) return "tanh";
                if (toRelu < toTanh) return "relu";
            }
        }
        finally
        {
            m.train(training);
        }
        throw new NotSupportedException(
            "ModuleConversion: this TorchSharp RNN's layer 0 gives the same output with tanh and ReLU (its input weights and biases are zero), " +
            "and TorchSharp does not expose the nonlinearity; build AutoNet's RNN directly and load the state dict.");
    }
}
