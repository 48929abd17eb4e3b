using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Optim;

/// <summary>Optimiser StateDict / LoadStateDict: contents, bit-for-bit resumption, and the errors of a state that does not fit.</summary>
public class OptimizerStateTests
{
    private static Tensor[] Params(DType dtype = DType.Float64)
    {
        var a = Tensor.From([0.5, -1.25, 2.0, 0.75, -0.3, 1.1], 2, 3).To(dtype);
        var b = Tensor.From([0.1, -0.2, 0.3]).To(dtype);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        return [a, b];
    }

    /// <summary>Gradient of sum(sin(p) + p² / 2) — nonlinear, so a wrong state shows up at once.</summary>
    private static void SetGrads(Tensor[] ps, int step)
    {
        foreach (var p in ps)
        {
            var v = p.ToArray();
            var g = v.Select((x, i) => Math.Cos(x * (1 + 0.1 * step)) + x + 0.01 * i).ToArray();
            p.Grad = p.DType == DType.Float32 ? Tensor.From(g.Select(x => (float)x).ToArray(), [.. p.Shape]) : Tensor.From(g, [.. p.Shape]);
        }
    }

    public static TheoryData<string> Kinds => ["SGD", "Adam", "AdamAmsgrad", "AdamW", "RMSprop", "RMSpropCentered", "Adagrad"];

    private static Optimizer Make(string kind, Tensor[] ps) => kind switch
    {
        "SGD" => new SGD(ps, 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01),
        "Adam" => new Adam(ps, 0.01),
        "AdamAmsgrad" => new Adam(ps, 0.02, 0.8, 0.95, weightDecay: 0.1, amsgrad: true),
        "AdamW" => new AdamW(ps, 0.01),
        "RMSprop" => new RMSprop(ps, 0.01),
        "RMSpropCentered" => new RMSprop(ps, 0.005, momentum: 0.5, centered: true, weightDecay: 0.01),
        "Adagrad" => new Adagrad(ps, 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Training_resumed_from_a_state_dict_continues_bit_for_bit(string kind)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var straight = Params(dtype);
            var opt = Make(kind, straight);
            for (int s = 0; s < 7; s++) { SetGrads(straight, s); opt.Step(); }
            var saved = opt.StateDict();
            var savedParams = straight.Select(p => p.ToArray()).ToArray();
            for (int s = 7; s < 15; s++) { SetGrads(straight, s); opt.Step(); }

            var resumed = Params(dtype);
            using (Autograd.NoGrad())
                for (int i = 0; i < resumed.Length; i++) resumed[i].CopyFrom(Tensor.From(savedParams[i], [.. resumed[i].Shape]));
            var opt2 = Make(kind, resumed);
            opt2.LoadStateDict(saved);
            for (int s = 7; s < 15; s++) { SetGrads(resumed, s); opt2.Step(); }

            for (int i = 0; i < straight.Length; i++)
                Assert.Equal(straight[i].ToArray(), resumed[i].ToArray());
        }
    }

    [Fact]
    public void Adam_state_dict_holds_PyTorchs_keys()
    {
        var ps = Params();
        var opt = new Adam(ps, 0.01, amsgrad: true);
        Assert.Equal(
            ["param_groups.0.lr", "param_groups.0.betas", "param_groups.0.eps", "param_groups.0.weight_decay", "param_groups.0.amsgrad"],
            opt.StateDict().Keys);
        ps[0].Grad = Tensor.OnesLike(ps[0]);
        opt.Step();
        opt.Step();
        var state = opt.StateDict();
        Assert.Equal(
            ["state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq",
             "param_groups.0.lr", "param_groups.0.betas", "param_groups.0.eps", "param_groups.0.weight_decay", "param_groups.0.amsgrad"],
            state.Keys);
        Assert.Equal(2.0, state["state.0.step"].Item());
        Assert.Equal(new[] { 0.9, 0.999 }, state["param_groups.0.betas"].ToArray());
        Assert.Equal(1.0, state["param_groups.0.amsgrad"].Item());
        Assert.Equal(new[] { 2, 3 }, state["state.0.exp_avg"].Shape);
    }

    [Fact]
    public void State_dict_tensors_are_copies()
    {
        var ps = Params();
        var opt = new Adam(ps);
        SetGrads(ps, 0);
        opt.Step();
        var state = opt.StateDict();
        var before = state["state.0.exp_avg"].ToArray();
        opt.Step();
        Assert.Equal(before, state["state.0.exp_avg"].ToArray());
        Assert.Equal(1.0, state["state.0.step"].Item());
    }

    [Fact]
    public void Loading_restores_hyperparameters()
    {
        var source = new Adam(Params(), 0.123, 0.5, 0.6, 1e-4, 0.2, amsgrad: true);
        var target = new Adam(Params());
        target.LoadStateDict(source.StateDict());
        Assert.Equal((0.123, 0.5, 0.6, 1e-4, 0.2, true),
            (target.LearningRate, target.Beta1, target.Beta2, target.Eps, target.WeightDecay, target.Amsgrad));
    }

    [Fact]
    public void A_state_that_does_not_fit_is_refused_with_every_problem_and_nothing_changes()
    {
        var ps = Params();
        var source = new Adam(ps, 0.01);
        SetGrads(ps, 0);
        source.Step();
        var bad = new Dictionary<string, Tensor>(source.StateDict());
        bad.Remove("state.1.exp_avg_sq");
        bad.Remove("param_groups.0.eps");
        bad["state.0.exp_avg"] = Tensor.Zeros(3, 2);
        bad["state.7.exp_avg"] = Tensor.Zeros(1);
        bad["momentum_buffer"] = Tensor.Zeros(1);
        bad["state.0.step"] = Tensor.Scalar(-1);

        var target = new Adam(Params(), 0.5);
        var e = Assert.Throws<ArgumentException>(() => target.LoadStateDict(bad));
        Assert.StartsWith("Adam.LoadStateDict:", e.Message);
        Assert.Contains("missing key 'param_groups.0.eps'", e.Message);
        Assert.Contains("unexpected key 'momentum_buffer'", e.Message);
        Assert.True(e.Message.Contains("missing key 'state.1.exp_avg_sq'"), e.Message);
        Assert.Contains("'state.0.exp_avg' has shape [3, 2]; expected [2, 3]", e.Message);
        Assert.Contains("unexpected key 'state.7.exp_avg'", e.Message);
        Assert.Contains("'state.0.step' holds -1", e.Message);
        Assert.Contains("6 problems", e.Message);
        Assert.Equal(0.5, target.LearningRate);
        Assert.Equal(["param_groups.0.lr", "param_groups.0.betas", "param_groups.0.eps", "param_groups.0.weight_decay", "param_groups.0.amsgrad"],
            target.StateDict().Keys);
    }

    [Fact]
    public void Loading_an_SGD_state_into_Adam_names_the_mismatch()
    {
        var sgd = new SGD(Params(), 0.1, momentum: 0.9);
        var e = Assert.Throws<ArgumentException>(() => new Adam(Params()).LoadStateDict(sgd.StateDict()));
        Assert.Contains("missing key 'param_groups.0.betas'", e.Message);
        Assert.Contains("unexpected key 'param_groups.0.momentum'", e.Message);
    }

    [Fact]
    public void Bad_loaded_hyperparameters_are_refused_like_constructor_arguments()
    {
        var state = new Adam(Params()).StateDict();
        state["param_groups.0.betas"] = Tensor.From([0.9, 1.5]);
        var target = new Adam(Params());
        Assert.Contains("beta2", Assert.ThrowsAny<ArgumentException>(() => target.LoadStateDict(state)).Message);
        state["param_groups.0.betas"] = Tensor.From([0.9, 0.99]);
        state["param_groups.0.amsgrad"] = Tensor.Scalar(0.5);
        Assert.Contains("must be 0 or 1", Assert.ThrowsAny<ArgumentException>(() => target.LoadStateDict(state)).Message);
        Assert.Equal(0.999, target.Beta2);
    }

    [Fact]
    public void Float64_state_loads_into_float32_parameters_converted()
    {
        var ps = Params();
        var source = new RMSprop(ps);
        SetGrads(ps, 0);
        source.Step();
        var target = new RMSprop(Params(DType.Float32));
        target.LoadStateDict(source.StateDict());
        Assert.Equal(DType.Float32, target.StateDict()["state.0.square_avg"].DType);
    }

    [Fact]
    public void Adagrad_has_state_for_every_parameter_from_the_start()
    {
        var opt = new Adagrad(Params(), initialAccumulatorValue: 0.25);
        var state = opt.StateDict();
        Assert.Equal(new[] { 0.25, 0.25, 0.25 }, state["state.1.sum"].ToArray());
        Assert.Equal(0.0, state["state.1.step"].Item());
        state.Remove("state.1.sum");
        state.Remove("state.1.step");
        var e = Assert.Throws<ArgumentException>(() => new Adagrad(Params()).LoadStateDict(state));
        Assert.Contains("missing key 'state.1.step'", e.Message);
        Assert.Contains("missing key 'state.1.sum'", e.Message);
    }
}
