using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>
/// RNN, GRU and LSTM are composed of Tensor ops, so autograd gives their gradients: GradCheck on the input and the
/// initial state, a finite-difference check of every parameter's gradient, and GradGradCheck (second order) for
/// GRU and LSTM.
/// </summary>
public class RecurrentGradientTests
{
    private static RNNBase Make(string kind, int numLayers, bool batchFirst, uint seed) => kind switch
    {
        "RNN tanh" => new RNN(2, 3, numLayers, batchFirst: batchFirst, generator: new NumPyRandomState(seed)),
        "RNN relu" => new RNN(2, 3, numLayers, batchFirst: batchFirst, nonlinearity: "relu", generator: new NumPyRandomState(seed)),
        "GRU" => new GRU(2, 3, numLayers, batchFirst: batchFirst, generator: new NumPyRandomState(seed)),
        "LSTM" => new LSTM(2, 3, numLayers, batchFirst: batchFirst, generator: new NumPyRandomState(seed)),
        _ => throw new ArgumentException(kind),
    };

    public static TheoryData<string> Kinds => ["RNN tanh", "RNN relu", "GRU", "LSTM"];

    /// <summary>The output sequence and every final state tensor, flattened into one vector (so one check covers all).</summary>
    private static Tensor All(RNNBase m, Tensor x, Tensor h0, Tensor? c0)
    {
        Tensor[] parts = m switch
        {
            RNN r => [.. Pair(r.ForwardWithState(x, h0))],
            GRU g => [.. Pair(g.ForwardWithState(x, h0))],
            LSTM l => Triple(l.ForwardWithState(x, new LSTMState(h0, c0!))),
            _ => throw new ArgumentException(m.GetType().Name),
        };
        return Tensor.Cat(parts.Select(p => p.Reshape(-1)).ToArray());

        static Tensor[] Pair((Tensor Output, Tensor State) r) => [r.Output, r.State];
        static Tensor[] Triple((Tensor Output, LSTMState State) r) => [r.Output, r.State.H, r.State.C];
    }

    [Theory, MemberData(nameof(Kinds))]
    public void GradCheck_passes_for_the_input_and_the_initial_state_through_two_layers(string kind)
    {
        var m = Make(kind, 2, batchFirst: true, seed: 3);
        var x = TestTensors.Normal(1, [2, 4, 2]);           // [N, L, in], batch first
        var h0 = TestTensors.Normal(2, [2, 2, 3], 0.5);     // [layers, N, H]
        var c0 = TestTensors.Normal(3, [2, 2, 3], 0.5);
        if (kind == "LSTM") GradAssert.Passes(t => All(m, t[0], t[1], t[2]), x, h0, c0);
        else GradAssert.Passes(t => All(m, t[0], t[1], null), x, h0);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void GradCheck_passes_for_unbatched_input(string kind)
    {
        var m = Make(kind, 1, batchFirst: false, seed: 4);
        var x = TestTensors.Normal(5, [5, 2]);
        var h0 = TestTensors.Normal(6, [1, 3], 0.5);
        var c0 = TestTensors.Normal(7, [1, 3], 0.5);
        if (kind == "LSTM") GradAssert.Passes(t => All(m, t[0], t[1], t[2]), x, h0, c0);
        else GradAssert.Passes(t => All(m, t[0], t[1], null), x, h0);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Every_parameter_gradient_matches_central_finite_differences(string kind)
    {
        var m = Make(kind, 2, batchFirst: false, seed: 8);
        var x = TestTensors.Normal(9, [3, 2, 2], requiresGrad: false);
        var h0 = TestTensors.Normal(10, [2, 2, 3], 0.5, requiresGrad: false);
        var c0 = TestTensors.Normal(11, [2, 2, 3], 0.5, requiresGrad: false);
        var weights = TestTensors.Normal(12, [3 * 2 * 3 + 2 * 2 * 3 * (kind == "LSTM" ? 2 : 1)], requiresGrad: false);
        Tensor Loss() => (All(m, x, h0, kind == "LSTM" ? c0 : null) * weights).Sum();

        m.ZeroGrad();
        Loss().Backward();
        const double eps = 1e-6;
        int compared = 0;
        foreach (var (name, p) in m.NamedParameters())
        {
            var analytic = p.Grad!.ToArray();
            var values = p.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                double Evaluate(double v)
                {
                    var changed = (double[])values.Clone();
                    changed[i] = v;
                    using (Autograd.NoGrad()) p.CopyFrom(Tensor.From(changed, p.Shape.ToArray()));
                    using (Autograd.NoGrad()) return Loss().Item();
                }
                double numeric = (Evaluate(values[i] + eps) - Evaluate(values[i] - eps)) / (2 * eps);
                using (Autograd.NoGrad()) p.CopyFrom(Tensor.From(values, p.Shape.ToArray()));
                Assert.True(Math.Abs(analytic[i] - numeric) <= 1e-5 + 1e-3 * Math.Abs(numeric),
                    $"{kind} {name}[{i}]: backward {analytic[i]:R}, finite differences {numeric:R}");
                compared++;
            }
        }
        Assert.Equal(m.ParameterCount(), compared);
    }

    [Theory]
    [InlineData("GRU")]
    [InlineData("LSTM")]
    [InlineData("RNN tanh")]
    public void GradGradCheck_passes_for_the_input_and_the_initial_state(string kind)
    {
        var m = Make(kind, 2, batchFirst: false, seed: 13);
        var x = TestTensors.Normal(14, [3, 1, 2]);
        var h0 = TestTensors.Normal(15, [2, 1, 3], 0.5);
        var c0 = TestTensors.Normal(16, [2, 1, 3], 0.5);
        if (kind == "LSTM") GradAssert.SecondOrderPasses(t => All(m, t[0], t[1], t[2]), x, h0, c0);
        else GradAssert.SecondOrderPasses(t => All(m, t[0], t[1], null), x, h0);
    }
}
