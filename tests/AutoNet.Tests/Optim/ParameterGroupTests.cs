using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Optim;

/// <summary>
/// Parameter groups: a run over two groups equals two runs over one group each, configured as the groups are, bit for
/// bit; unset options inherit the constructor's; state dicts hold every group; schedulers act on every group.
/// </summary>
public class ParameterGroupTests
{
    private static Tensor[] Params(int seed)
    {
        var a = Tensor.From(Enumerable.Range(0, 6).Select(i => Math.Sin(i + seed)).ToArray(), 2, 3);
        var b = Tensor.From(Enumerable.Range(0, 3).Select(i => Math.Cos(2 * i + seed)).ToArray(), 3);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        return [a, b];
    }

    /// <summary>A nonlinear gradient of each parameter's current value, so a wrong option or state shows up at once.</summary>
    private static void SetGrads(IEnumerable<Tensor> ps, int step)
    {
        foreach (var p in ps)
            p.Grad = Tensor.From(p.ToArray().Select((x, i) => Math.Cos(x * (1 + 0.1 * step)) + x + 0.01 * i).ToArray(), [.. p.Shape]);
    }

    public static TheoryData<string> Kinds => ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"];

    /// <summary>The grouped optimiser over (g1, g2), and two single-list ones configured as each group is.</summary>
    private static (Optimizer Grouped, Optimizer First, Optimizer Second) Make(string kind, Tensor[] g1, Tensor[] g2, Tensor[] s1, Tensor[] s2) => kind switch
    {
        "SGD" => (new SGD([new ParameterGroup(g1) { Lr = 0.1, Nesterov = true }, new ParameterGroup(g2) { WeightDecay = 0, Momentum = 0.5 }], lr: 0.01, momentum: 0.9, weightDecay: 0.1),
            new SGD(s1, 0.1, momentum: 0.9, weightDecay: 0.1, nesterov: true), new SGD(s2, 0.01, momentum: 0.5, weightDecay: 0)),
        "Adam" => (new Adam([new ParameterGroup(g1) { Betas = (0.8, 0.99), Amsgrad = true }, new ParameterGroup(g2) { Lr = 0.05 }], lr: 0.02, weightDecay: 0.1),
            new Adam(s1, 0.02, 0.8, 0.99, weightDecay: 0.1, amsgrad: true), new Adam(s2, 0.05, weightDecay: 0.1)),
        "AdamW" => (new AdamW([new ParameterGroup(g1) { WeightDecay = 0 }, new ParameterGroup(g2) { Eps = 1e-6 }], lr: 0.03),
            new AdamW(s1, 0.03, weightDecay: 0), new AdamW(s2, 0.03, eps: 1e-6)),
        "RMSprop" => (new RMSprop([new ParameterGroup(g1) { Centered = true, Momentum = 0.5 }, new ParameterGroup(g2) { Alpha = 0.9 }], lr: 0.01),
            new RMSprop(s1, 0.01, momentum: 0.5, centered: true), new RMSprop(s2, 0.01, alpha: 0.9)),
        "Adagrad" => (new Adagrad([new ParameterGroup(g1) { InitialAccumulatorValue = 0.5, LrDecay = 0.01 }, new ParameterGroup(g2) { Lr = 0.2 }], lr: 0.1, weightDecay: 0.05),
            new Adagrad(s1, 0.1, lrDecay: 0.01, weightDecay: 0.05, initialAccumulatorValue: 0.5), new Adagrad(s2, 0.2, weightDecay: 0.05)),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Two_groups_equal_two_separately_configured_runs_bit_for_bit(string kind)
    {
        var (g1, g2, s1, s2) = (Params(1), Params(2), Params(1), Params(2));
        var (grouped, first, second) = Make(kind, g1, g2, s1, s2);
        for (int step = 0; step < 12; step++)
        {
            SetGrads(g1.Concat(g2), step);
            grouped.Step();
            SetGrads(s1, step);
            first.Step();
            SetGrads(s2, step);
            second.Step();
        }
        foreach (var (a, b) in g1.Concat(g2).Zip(s1.Concat(s2))) Assert.Equal(b.ToArray(), a.ToArray());
        Assert.NotEqual(Params(1)[0].ToArray(), g1[0].ToArray());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_two_group_run_resumed_from_its_state_dict_continues_bit_for_bit(string kind)
    {
        var (g1, g2) = (Params(1), Params(2));
        var opt = Make(kind, g1, g2, Params(1), Params(2)).Grouped;
        for (int s = 0; s < 5; s++) { SetGrads(g1.Concat(g2), s); opt.Step(); }
        var saved = opt.StateDict();
        var at = g1.Concat(g2).Select(p => p.ToArray()).ToArray();
        for (int s = 5; s < 10; s++) { SetGrads(g1.Concat(g2), s); opt.Step(); }

        var (r1, r2) = (Params(1), Params(2));
        var resumed = r1.Concat(r2).ToArray();
        using (Autograd.NoGrad())
            for (int i = 0; i < resumed.Length; i++) resumed[i].CopyFrom(Tensor.From(at[i], [.. resumed[i].Shape]));
        // A fresh optimiser over the same groups with different options: loading restores the saved ones.
        var opt2 = Make(kind, r1, r2, Params(1), Params(2)).Grouped;
        opt2.ParamGroups[1].Lr = 0.5;
        opt2.LoadStateDict(saved);
        for (int s = 5; s < 10; s++) { SetGrads(resumed, s); opt2.Step(); }
        foreach (var (a, b) in resumed.Zip(g1.Concat(g2))) Assert.Equal(b.ToArray(), a.ToArray());
        Assert.Contains("param_groups.1.lr", saved.Keys);
        Assert.Contains("param_groups.1.weight_decay", saved.Keys);
    }

    [Fact]
    public void Unset_options_inherit_the_constructors_and_the_groups_show_every_option()
    {
        var (a, b) = (Params(1), Params(2));
        var sgd = new SGD([new ParameterGroup(a) { Lr = 0.1 }, new ParameterGroup(b) { WeightDecay = 0 }], lr: 0.01, momentum: 0.9, weightDecay: 0.2);
        Assert.Equal((0.1, 0.9, 0.2, false), (sgd.ParamGroups[0].Lr, sgd.ParamGroups[0].Momentum, sgd.ParamGroups[0].WeightDecay, sgd.ParamGroups[0].Nesterov));
        Assert.Equal((0.01, 0.9, 0.0, 0.0), (sgd.ParamGroups[1].Lr, sgd.ParamGroups[1].Momentum, sgd.ParamGroups[1].WeightDecay, sgd.ParamGroups[1].Dampening));
        Assert.Null(sgd.ParamGroups[1].Betas);
        Assert.Equal(a.Concat(b), sgd.Parameters);
        Assert.Equal(0.1, sgd.LearningRate);
        sgd.LearningRate = 0.3;
        Assert.All(sgd.ParamGroups, g => Assert.Equal(0.3, g.Lr));
    }

    [Fact]
    public void A_changed_group_option_takes_effect_at_the_next_step()
    {
        var (g1, g2, s1, s2) = (Params(1), Params(2), Params(1), Params(2));
        var grouped = new SGD([new ParameterGroup(g1), new ParameterGroup(g2)], lr: 0.1);
        var (first, second) = (new SGD(s1, 0.1), new SGD(s2, 0.1));
        grouped.ParamGroups[1].Lr = 0.02;
        second.LearningRate = 0.02;
        SetGrads(g1.Concat(g2), 0);
        SetGrads(s1.Concat(s2), 0);
        grouped.Step();
        first.Step();
        second.Step();
        foreach (var (a, b) in g1.Concat(g2).Zip(s1.Concat(s2))) Assert.Equal(b.ToArray(), a.ToArray());
    }

    [Fact]
    public void Schedulers_act_on_every_group_from_its_own_base_rate()
    {
        var (a, b) = (Params(1), Params(2));
        var opt = new SGD([new ParameterGroup(a) { Lr = 0.1 }, new ParameterGroup(b)], lr: 0.01);
        var step = new StepLR(opt, stepSize: 2, gamma: 0.5);
        var cosine = new CosineAnnealingLR(new Adam([new ParameterGroup(Params(3)) { Lr = 0.2 }, new ParameterGroup(Params(4))], lr: 0.1), tMax: 4, etaMin: 0.01);
        for (int i = 0; i < 4; i++) { step.Step(); cosine.Step(); }
        Assert.Equal([0.1 * 0.5 * 0.5, 0.01 * 0.5 * 0.5], opt.ParamGroups.Select(g => g.Lr!.Value));
        Assert.Equal([0.1, 0.01], step.BaseLearningRates);
        Assert.Equal(opt.ParamGroups.Select(g => g.Lr!.Value), step.LastLearningRates);
        // Cosine annealing reaches eta_min at t_max in every group (PyTorch's recursive form, to rounding).
        Assert.All(cosine.Optimizer.ParamGroups, g => Assert.Equal(0.01, g.Lr!.Value, 1e-15));
        var state = step.StateDict();
        Assert.Equal([0.1, 0.01], state["base_lr"].ToArray());
        var fresh = new StepLR(new SGD([new ParameterGroup(Params(5)), new ParameterGroup(Params(6))], lr: 1), 2, 0.5);
        fresh.LoadStateDict(state);
        Assert.Equal(step.LastLearningRates, fresh.LastLearningRates);
        var single = new StepLR(new SGD(Params(7), lr: 1), 2, 0.5);
        Assert.Contains("expected one", Assert.Throws<ArgumentException>(() => single.LoadStateDict(state)).Message);
    }

    [Fact]
    public void Refuses_an_option_the_optimiser_lacks_a_bad_group_value_and_a_parameter_in_two_groups()
    {
        var (a, b) = (Params(1), Params(2));
        var e1 = Assert.Throws<ArgumentException>(() => new SGD([new ParameterGroup(a) { Betas = (0.9, 0.99) }], lr: 0.1));
        Assert.Contains("'betas'", e1.Message);
        Assert.Contains("SGD", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Adam([new ParameterGroup(a), new ParameterGroup(b) { Betas = (0.9, 1.5) }]));
        Assert.Contains("parameter group 1", e2.Message);
        Assert.Contains("beta2", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => new SGD([new ParameterGroup(a), new ParameterGroup([b[0], a[1]])], lr: 0.1));
        Assert.Contains("more than once", e3.Message);
        Assert.Throws<ArgumentException>(() => new SGD([new ParameterGroup(a), new ParameterGroup([])], lr: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterGroup(a) { Lr = -1 });
        var e4 = Assert.Throws<ArgumentException>(() => new SGD([new ParameterGroup(a) { Nesterov = true }], lr: 0.1));
        Assert.Contains("nesterov", e4.Message);
        var two = new SGD([new ParameterGroup(a), new ParameterGroup(b)], lr: 0.1);
        var e5 = Assert.Throws<ArgumentException>(() => new SGD(Params(3), lr: 0.1).LoadStateDict(two.StateDict()));
        Assert.Contains("unexpected key 'param_groups.1.lr'", e5.Message);
    }
}
