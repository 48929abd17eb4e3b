using AutoNet.Optim;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using TS = TorchSharp.Modules;
using Xunit;
using static AutoNet.TorchParity.Tests.OptimizerParityTests;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Every optimiser with two parameter groups (the first layer, the second) against torch.optim with the same groups
/// over 20 steps, some options set per group and the rest inherited from the constructor, a StepLR acting on both
/// groups; compared parameter by parameter after every step, float64 and float32.
/// </summary>
public class ParameterGroupParityTests
{
    public static IEnumerable<object[]> Settings() =>
        from s in new[] { "SGD", "Adam", "AdamW", "RMSprop", "Adagrad" }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { s, dtype };

    private static (Optimizer Ours, torch.optim.Optimizer Theirs) Make(string setting, Tensor[][] ours, TS.Parameter[][] theirs) =>
        setting switch
        {
            "SGD" => (new SGD([new ParameterGroup(ours[0]) { Lr = 0.05, Nesterov = true }, new ParameterGroup(ours[1]) { WeightDecay = 0 }], lr: 0.02, momentum: 0.9, weightDecay: 0.1),
                torch.optim.SGD([new TS.SGD.ParamGroup(theirs[0], new TS.SGD.Options { LearningRate = 0.05, nesterov = true }), new TS.SGD.ParamGroup(theirs[1], new TS.SGD.Options { weight_decay = 0 })],
                    0.02, momentum: 0.9, weight_decay: 0.1)),
            "Adam" => (new Adam([new ParameterGroup(ours[0]) { Betas = (0.8, 0.99), Amsgrad = true }, new ParameterGroup(ours[1]) { Lr = 0.01 }], lr: 0.05, weightDecay: 0.05),
                torch.optim.Adam([new TS.Adam.ParamGroup(theirs[0], new TS.Adam.Options { beta1 = 0.8, beta2 = 0.99, amsgrad = true }), new TS.Adam.ParamGroup(theirs[1], new TS.Adam.Options { LearningRate = 0.01 })],
                    0.05, weight_decay: 0.05)),
            "AdamW" => (new AdamW([new ParameterGroup(ours[0]) { WeightDecay = 0 }, new ParameterGroup(ours[1]) { Eps = 1e-6, WeightDecay = 0.2 }], lr: 0.05),
                torch.optim.AdamW([new TS.AdamW.ParamGroup(theirs[0], new TS.AdamW.Options { weight_decay = 0 }), new TS.AdamW.ParamGroup(theirs[1], new TS.AdamW.Options { eps = 1e-6, weight_decay = 0.2 })],
                    0.05, weight_decay: 1e-2)),
            "RMSprop" => (new RMSprop([new ParameterGroup(ours[0]) { Centered = true, Momentum = 0.5 }, new ParameterGroup(ours[1]) { Alpha = 0.9 }], lr: 0.005),
                torch.optim.RMSProp([new TS.RMSProp.ParamGroup(theirs[0], new TS.RMSProp.Options { centered = true, momentum = 0.5 }), new TS.RMSProp.ParamGroup(theirs[1], new TS.RMSProp.Options { alpha = 0.9 })],
                    0.005)),
            "Adagrad" => (new Adagrad([new ParameterGroup(ours[0]) { LrDecay = 0.05 }, new ParameterGroup(ours[1]) { Lr = 0.05, WeightDecay = 0.1 }], lr: 0.1),
                torch.optim.Adagrad([new TS.Adagrad.ParamGroup(theirs[0], new TS.Adagrad.Options { lr_decay = 0.05 }), new TS.Adagrad.ParamGroup(theirs[1], new TS.Adagrad.Options { LearningRate = 0.05, weight_decay = 0.1 })],
                    0.1)),
            _ => throw new ArgumentException(setting),
        };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Twenty_steps_with_two_groups_and_a_scheduler_match_torch_optim(string setting, DType dtype)
    {
        var run = new TrainingRun(setting + " groups", dtype);
        using var scope = torch.NewDisposeScope();
        var torchModel = run.Model.ToTorch();
        var ours = run.Model.Parameters().ToArray();
        var theirs = torchModel.parameters().ToArray();
        var (optimizer, torchOptimizer) = Make(setting, [ours[..2], ours[2..]], [theirs[..2], theirs[2..]]);
        var scheduler = new StepLR(optimizer, stepSize: 5, gamma: 0.5);
        var torchScheduler = torch.optim.lr_scheduler.StepLR(torchOptimizer, 5, 0.5);

        var close = run.Train(torchModel, optimizer, torchOptimizer, steps: 20, ParityTolerance.For(dtype), () =>
        {
            scheduler.Step();
            torchScheduler.step();
        });

        Assert.True(close.Failures.Count == 0, close.ToString());
        Assert.Equal(torchOptimizer.ParamGroups.Select(g => g.LearningRate), optimizer.ParamGroups.Select(g => g.Lr!.Value));
        run.AssertMoved();
    }
}
