using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Optim;

public class OptimizerValidationTests
{
    private static Tensor[] P()
    {
        var p = Tensor.Zeros(2);
        p.RequiresGrad = true;
        return [p];
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "Adam lr NaN", "learning rate" },
        { "Adam lr negative", "learning rate" },
        { "Adam beta1 1", "beta1" },
        { "Adam beta2 -0.1", "beta2" },
        { "Adam eps negative", "eps" },
        { "Adam weightDecay NaN", "weightDecay" },
        { "AdamW beta1 NaN", "beta1" },
        { "AdamW weightDecay negative", "weightDecay" },
        { "RMSprop alpha 1.5", "alpha" },
        { "RMSprop momentum negative", "momentum" },
        { "RMSprop eps infinite", "eps" },
        { "Adagrad lrDecay negative", "lrDecay" },
        { "Adagrad initialAccumulatorValue negative", "initialAccumulatorValue" },
        { "Adagrad eps NaN", "eps" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_refused_naming_the_setting(string setting, string named)
    {
        Func<Optimizer> make = setting switch
        {
            "Adam lr NaN" => () => new Adam(P(), double.NaN),
            "Adam lr negative" => () => new Adam(P(), -1e-3),
            "Adam beta1 1" => () => new Adam(P(), beta1: 1.0),
            "Adam beta2 -0.1" => () => new Adam(P(), beta2: -0.1),
            "Adam eps negative" => () => new Adam(P(), eps: -1e-8),
            "Adam weightDecay NaN" => () => new Adam(P(), weightDecay: double.NaN),
            "AdamW beta1 NaN" => () => new AdamW(P(), beta1: double.NaN),
            "AdamW weightDecay negative" => () => new AdamW(P(), weightDecay: -0.01),
            "RMSprop alpha 1.5" => () => new RMSprop(P(), alpha: 1.5),
            "RMSprop momentum negative" => () => new RMSprop(P(), momentum: -0.5),
            "RMSprop eps infinite" => () => new RMSprop(P(), eps: double.PositiveInfinity),
            "Adagrad lrDecay negative" => () => new Adagrad(P(), lrDecay: -1),
            "Adagrad initialAccumulatorValue negative" => () => new Adagrad(P(), initialAccumulatorValue: -0.1),
            "Adagrad eps NaN" => () => new Adagrad(P(), eps: double.NaN),
            _ => throw new ArgumentException(setting),
        };
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Contains(named, e.Message);
        Assert.StartsWith(setting.Split(' ')[0] + ":", e.Message);
    }

    [Fact]
    public void Setting_a_bad_learning_rate_later_is_refused()
    {
        var opt = new Adam(P());
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.LearningRate = double.PositiveInfinity);
        Assert.Equal(1e-3, opt.LearningRate);
    }

    [Fact]
    public void Defaults_are_PyTorchs()
    {
        var adam = new Adam(P());
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Eps, adam.WeightDecay, adam.Amsgrad));
        Assert.Equal(1e-2, new AdamW(P()).WeightDecay);
        var rms = new RMSprop(P());
        Assert.Equal((1e-2, 0.99, 1e-8, 0.0, 0.0, false), (rms.LearningRate, rms.Alpha, rms.Eps, rms.WeightDecay, rms.Momentum, rms.Centered));
        var ada = new Adagrad(P());
        Assert.Equal((1e-2, 0.0, 0.0, 0.0, 1e-10), (ada.LearningRate, ada.LrDecay, ada.WeightDecay, ada.InitialAccumulatorValue, ada.Eps));
        Assert.Equal("Adam(lr=0.001, betas=(0.9, 0.999), eps=1E-08, weightDecay=0, amsgrad=False)", adam.ToString());
    }

    [Fact]
    public void A_parameter_listed_twice_is_refused()
    {
        var p = P()[0];
        Assert.Contains("parameter 1 appears more than once", Assert.Throws<ArgumentException>(() => new Adam([p, p])).Message);
    }

    [Fact]
    public void Parameters_without_gradient_keep_their_values_and_state()
    {
        var a = P()[0];
        var b = Tensor.Ones(2);
        b.RequiresGrad = true;
        var opt = new Adam([a, b], 0.1);
        a.Grad = Tensor.Ones(2);
        opt.Step();
        Assert.Equal(new[] { 1.0, 1 }, b.ToArray());
        Assert.DoesNotContain("state.1.step", opt.StateDict().Keys);
        Assert.Equal(1.0, opt.StateDict()["state.0.step"].Item());
    }
}
