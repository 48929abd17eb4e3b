using System.Text.Json;
using AutoNet.Optim;
using Xunit;
using static AutoNet.Tests.Optim.TorchOptimFixture;

namespace AutoNet.Tests.Optim;

/// <summary>Learning-rate schedules against PyTorch 1.13's recorded sequences (40 steps each), bit for bit.</summary>
public class SchedulerTests
{
    private static Tensor Param()
    {
        var p = Tensor.Zeros(1);
        p.RequiresGrad = true;
        return p;
    }

    private static LRScheduler Make(string kind, JsonElement k, Optimizer opt) => kind switch
    {
        "StepLR" => new StepLR(opt, k.GetProperty("step_size").GetInt32(), k.TryGetProperty("gamma", out var g) ? g.GetDouble() : 0.1),
        "ExponentialLR" => new ExponentialLR(opt, k.GetProperty("gamma").GetDouble()),
        "CosineAnnealingLR" => new CosineAnnealingLR(opt, k.GetProperty("T_max").GetInt32(), k.TryGetProperty("eta_min", out var e) ? e.GetDouble() : 0),
        _ => throw new ArgumentException(kind),
    };

    public static IEnumerable<object[]> Cases => Names("schedulers");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Learning_rates_equal_PyTorchs_bit_for_bit(string name)
    {
        var c = Case("schedulers", name);
        var opt = new SGD([Param()], c.GetProperty("lr0").GetDouble());
        var scheduler = Make(c.GetProperty("scheduler").GetString()!, c.GetProperty("kwargs"), opt);
        Assert.Equal(c.GetProperty("lr0").GetDouble(), scheduler.LastLearningRate);
        int step = 0;
        foreach (var expected in c.GetProperty("lrs").EnumerateArray())
        {
            opt.Step();
            scheduler.Step();
            step++;
            Assert.True(expected.GetDouble() == opt.LearningRate, $"{name} step {step}: expected {expected.GetDouble():R}, got {opt.LearningRate:R}");
            Assert.Equal(opt.LearningRate, scheduler.LastLearningRate);
            Assert.Equal(step, scheduler.LastEpoch);
        }
    }

    [Fact]
    public void Cosine_recursive_values_stay_close_to_the_closed_form()
    {
        var opt = new SGD([Param()], 0.1);
        var cosine = new CosineAnnealingLR(opt, tMax: 10, etaMin: 0.001);
        for (int e = 1; e <= 35; e++)
        {
            cosine.Step();
            double closed = 0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * e / 10)) / 2;
            Assert.Equal(closed, opt.LearningRate, 1e-15);
        }
    }

    [Fact]
    public void StateDict_round_trip_resumes_the_schedule()
    {
        var a = new SGD([Param()], 0.2);
        var sa = new CosineAnnealingLR(a, 8, 0.01);
        for (int i = 0; i < 5; i++) sa.Step();
        var saved = sa.StateDict();
        var optState = a.StateDict();
        for (int i = 0; i < 6; i++) sa.Step();

        var b = new SGD([Param()], 0.2);
        var sb = new CosineAnnealingLR(b, 8, 0.01);
        b.LoadStateDict(optState);
        sb.LoadStateDict(saved);
        Assert.Equal(5, sb.LastEpoch);
        for (int i = 0; i < 6; i++) sb.Step();
        Assert.Equal(a.LearningRate, b.LearningRate);
        Assert.Equal(sa.LastEpoch, sb.LastEpoch);
    }

    [Fact]
    public void LoadStateDict_lists_every_problem()
    {
        var s = new StepLR(new SGD([Param()], 0.1), 3);
        var e = Assert.Throws<ArgumentException>(() => s.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["last_epoch"] = Tensor.Scalar(2.5),
            ["base_lr"] = Tensor.Scalar(0.1),
            ["surprise"] = Tensor.Scalar(1),
        }));
        Assert.Contains("'last_epoch' holds 2.5", e.Message);
        Assert.Contains("missing key 'last_lr'", e.Message);
        Assert.Contains("unexpected key 'surprise'", e.Message);
        Assert.Equal(0, s.LastEpoch);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        var opt = new SGD([Param()], 0.1);
        Assert.Contains("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(opt, 0)).Message);
        Assert.Contains("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(opt, 2, double.NaN)).Message);
        Assert.Contains("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(opt, -0.5)).Message);
        Assert.Contains("tMax", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(opt, 0)).Message);
        Assert.Contains("etaMin", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(opt, 5, double.PositiveInfinity)).Message);
        Assert.Throws<ArgumentNullException>(() => new ExponentialLR(null!, 0.5));
    }
}
