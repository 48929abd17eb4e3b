using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The learning-rate schedulers' sequences against torch.optim.lr_scheduler (past CosineAnnealingLR's restart),
/// a run of Adam driven by CosineAnnealingLR, and GradClipping.ClipGradNorm against torch.nn.utils.clip_grad_norm_
/// (total norm and clipped gradients, several norms, clipping and not).
/// </summary>
public class SchedulerAndClippingParityTests
{
    public static IEnumerable<object[]> Schedules() =>
    [
        ["StepLR 3 0.5"], ["StepLR 1 0.9"], ["ExponentialLR 0.9"], ["CosineAnnealingLR 5 0.01"], ["CosineAnnealingLR 10 0"],
    ];

    private static (LRScheduler Ours, torch.optim.lr_scheduler.LRScheduler Theirs) Make(string schedule, Optimizer ours, torch.optim.Optimizer theirs)
    {
        var parts = schedule.Split(' ');
        double A(int i) => double.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "StepLR" => (new StepLR(ours, (int)A(1), A(2)), torch.optim.lr_scheduler.StepLR(theirs, (int)A(1), A(2))),
            "ExponentialLR" => (new ExponentialLR(ours, A(1)), torch.optim.lr_scheduler.ExponentialLR(theirs, A(1))),
            "CosineAnnealingLR" => (new CosineAnnealingLR(ours, (int)A(1), A(2)), torch.optim.lr_scheduler.CosineAnnealingLR(theirs, A(1), A(2))),
            _ => throw new ArgumentException(schedule),
        };
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Learning_rate_sequence_matches_torch_optim_lr_scheduler(string schedule)
    {
        var parameter = new Parameter(Tensor.Zeros(2));
        using var scope = torch.NewDisposeScope();
        var torchParameter = new global::TorchSharp.Modules.Parameter(torch.zeros(2, dtype: torch.ScalarType.Float64));
        var optimizer = new SGD([parameter], lr: 0.1);
        var torchOptimizer = torch.optim.SGD([torchParameter], 0.1);
        var (scheduler, torchScheduler) = Make(schedule, optimizer, torchOptimizer);
        var close = new Close(ParityTolerance.Float64, $"lr {schedule}");
        var ours = new List<double> { optimizer.LearningRate };
        var theirs = new List<double> { TorchLearningRate(torchOptimizer) };

        for (int epoch = 1; epoch <= 30; epoch++)
        {
            scheduler.Step();
            torchScheduler.step();
            ours.Add(optimizer.LearningRate);
            theirs.Add(TorchLearningRate(torchOptimizer));
        }

        close.Check("lr by epoch", Tensor.From([.. ours]), Tensor.From([.. theirs]));
        Assert.True(close.Failures.Count == 0, close + $"\nAutoNet: {string.Join(", ", ours)}\nPyTorch: {string.Join(", ", theirs)}");
        Assert.True(ours.Distinct().Count() > 2, "the schedule should change the learning rate");
        Assert.Equal(optimizer.LearningRate, scheduler.LastLearningRate);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Adam_under_CosineAnnealingLR_matches_PyTorch_step_by_step(DType dtype)
    {
        var run = new OptimizerParityTests.TrainingRun("Adam with CosineAnnealingLR", dtype);
        using var scope = torch.NewDisposeScope();
        var torchModel = run.Model.ToTorch();
        var optimizer = new Adam(run.Model.Parameters(), lr: 0.05);
        var torchOptimizer = torch.optim.Adam(torchModel.parameters(), lr: 0.05);
        var scheduler = new CosineAnnealingLR(optimizer, tMax: 6, etaMin: 0.005);
        var torchScheduler = torch.optim.lr_scheduler.CosineAnnealingLR(torchOptimizer, 6, 0.005);

        var close = run.Train(torchModel, optimizer, torchOptimizer, steps: 20, ParityTolerance.For(dtype), () =>
        {
            scheduler.Step();
            torchScheduler.step();
        });

        Assert.True(close.Failures.Count == 0, close.ToString());
        run.AssertMoved();
    }

    public static IEnumerable<object[]> ClipCases() =>
        from normType in new[] { 2.0, 1.0, 3.0, double.PositiveInfinity }
        from maxNorm in new[] { 0.05, 1000.0 }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { normType, maxNorm, dtype };

    [Theory]
    [MemberData(nameof(ClipCases))]
    public void ClipGradNorm_matches_torch_nn_utils_clip_grad_norm_(double normType, double maxNorm, DType dtype)
    {
        string name = $"ClipGradNorm norm {normType} max {maxNorm} {dtype.Name()}";
        var gen = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var model = new Sequential(new Linear(3, 5, dtype: dtype, generator: gen), new Nn.Tanh(), new Linear(5, 2, dtype: dtype, generator: gen));
        var x = Inputs.Make(gen, new InputSpec([8, 3], InputKind.Wide), dtype);
        var target = Inputs.Make(gen, new InputSpec([8, 2]), dtype);
        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        (model.Forward(x) - target).Pow(2).Sum().Backward();
        (torchModel.forward(x.ToTorch()) - target.ToTorch()).pow(2).sum().backward();
        var before = model.Parameters().Select(p => p.Grad!.ToArray()).ToList();

        double total = GradClipping.ClipGradNorm(model.Parameters(), maxNorm, normType);
        double torchTotal = torch.nn.utils.clip_grad_norm_(torchModel.parameters(), maxNorm, normType);

        var close = new Close(ParityTolerance.For(dtype), name);
        close.Check("total norm", Tensor.Scalar(total, dtype), Tensor.Scalar(torchTotal, dtype));
        foreach (var ((pname, p), (_, tp)) in model.NamedParameters().Zip(torchModel.named_parameters()))
            close.Check($"gradient of {pname}", p.Grad!, tp.grad!);
        Assert.True(close.Failures.Count == 0, close.ToString());
        bool clipped = total > maxNorm;
        Assert.Equal(maxNorm < 1, clipped); // the cases are chosen so that 0.05 clips and 1000 does not
        Assert.Equal(!clipped, model.Parameters().Select(p => p.Grad!.ToArray()).Zip(before).All(pair => pair.First.SequenceEqual(pair.Second)));
    }

    private static double TorchLearningRate(torch.optim.Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;
}
