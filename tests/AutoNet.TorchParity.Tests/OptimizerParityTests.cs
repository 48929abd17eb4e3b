using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Adam (with amsgrad), AdamW, RMSprop (centered, momentum) and Adagrad (lr decay, initial accumulator) against
/// torch.optim over 20 steps on a small MLP from the same weights, compared parameter by parameter after every step,
/// float64 and float32.
/// </summary>
public class OptimizerParityTests
{
    public static IEnumerable<object[]> Settings() =>
        from s in new[]
        {
            "Adam", "Adam weight decay", "Adam amsgrad", "Adam amsgrad weight decay",
            "AdamW", "AdamW amsgrad",
            "RMSprop", "RMSprop momentum", "RMSprop centered", "RMSprop centered momentum", "RMSprop centered momentum weight decay",
            "Adagrad", "Adagrad lr decay", "Adagrad initial accumulator weight decay",
        }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { s, dtype };

    private static (Optimizer Ours, torch.optim.Optimizer Theirs) Make(string setting, IEnumerable<Tensor> ours, IEnumerable<global::TorchSharp.Modules.Parameter> theirs) =>
        setting switch
        {
            "Adam" => (new Adam(ours, lr: 0.05), torch.optim.Adam(theirs, lr: 0.05)),
            "Adam weight decay" => (new Adam(ours, lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1),
                torch.optim.Adam(theirs, lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 0.1)),
            "Adam amsgrad" => (new Adam(ours, lr: 0.05, amsgrad: true), torch.optim.Adam(theirs, lr: 0.05, amsgrad: true)),
            "Adam amsgrad weight decay" => (new Adam(ours, lr: 0.02, weightDecay: 0.05, amsgrad: true),
                torch.optim.Adam(theirs, lr: 0.02, weight_decay: 0.05, amsgrad: true)),
            // AutoNet's AdamW defaults to PyTorch's weight_decay = 1e-2; TorchSharp 0.107's defaults to 0, so it is passed.
            "AdamW" => (new AdamW(ours, lr: 0.05), torch.optim.AdamW(theirs, lr: 0.05, weight_decay: 1e-2)),
            "AdamW amsgrad" => (new AdamW(ours, lr: 0.05, beta2: 0.9, weightDecay: 0.2, amsgrad: true),
                torch.optim.AdamW(theirs, lr: 0.05, beta2: 0.9, weight_decay: 0.2, amsgrad: true)),
            "RMSprop" => (new RMSprop(ours, lr: 0.01), torch.optim.RMSProp(theirs, lr: 0.01)),
            "RMSprop momentum" => (new RMSprop(ours, lr: 0.005, momentum: 0.9), torch.optim.RMSProp(theirs, lr: 0.005, momentum: 0.9)),
            "RMSprop centered" => (new RMSprop(ours, lr: 0.01, alpha: 0.9, centered: true), torch.optim.RMSProp(theirs, lr: 0.01, alpha: 0.9, centered: true)),
            "RMSprop centered momentum" => (new RMSprop(ours, lr: 0.005, momentum: 0.8, centered: true),
                torch.optim.RMSProp(theirs, lr: 0.005, momentum: 0.8, centered: true)),
            "RMSprop centered momentum weight decay" => (new RMSprop(ours, lr: 0.005, eps: 1e-6, weightDecay: 0.1, momentum: 0.5, centered: true),
                torch.optim.RMSProp(theirs, lr: 0.005, eps: 1e-6, weight_decay: 0.1, momentum: 0.5, centered: true)),
            "Adagrad" => (new Adagrad(ours, lr: 0.1), torch.optim.Adagrad(theirs, lr: 0.1)),
            "Adagrad lr decay" => (new Adagrad(ours, lr: 0.1, lrDecay: 0.05), torch.optim.Adagrad(theirs, lr: 0.1, lr_decay: 0.05)),
            "Adagrad initial accumulator weight decay" => (new Adagrad(ours, lr: 0.1, weightDecay: 0.1, initialAccumulatorValue: 0.5, eps: 1e-8),
                torch.optim.Adagrad(theirs, lr: 0.1, weight_decay: 0.1, initial_accumulator_value: 0.5, eps: 1e-8)),
            _ => throw new ArgumentException(setting),
        };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Twenty_steps_match_torch_optim(string setting, DType dtype)
    {
        var run = new TrainingRun(setting, dtype);
        using var scope = torch.NewDisposeScope();
        var torchModel = run.Model.ToTorch();
        var (optimizer, torchOptimizer) = Make(setting, run.Model.Parameters(), torchModel.parameters());

        var close = run.Train(torchModel, optimizer, torchOptimizer, steps: 20, ParityTolerance.For(dtype));

        Assert.True(close.Failures.Count == 0, close.ToString());
        run.AssertMoved();
    }


    /// <summary>A small MLP, a batch and a target drawn from a seed, trained in both libraries step by step.</summary>
    internal sealed class TrainingRun
    {
        private readonly string _name;
        private readonly Tensor _x, _target;
        private List<double[]> _initial = [];

        public TrainingRun(string name, DType dtype)
        {
            _name = $"{name} {dtype.Name()}";
            var gen = new Data.NumPyRandomState(Inputs.StableSeed(name));
            Model = new Sequential(new Linear(3, 5, dtype: dtype, generator: gen), new Nn.Tanh(), new Linear(5, 2, dtype: dtype, generator: gen));
            _x = Inputs.Make(gen, new InputSpec([16, 3]), dtype);
            _target = Inputs.Make(gen, new InputSpec([16, 2]), dtype);
            _initial = Model.Parameters().Select(p => p.ToArray()).ToList();
        }

        public Sequential Model { get; }

        /// <summary>Runs <paramref name="steps"/> steps in both (zero grad, MSE loss, backward, step, then
        /// <paramref name="afterStep"/>), comparing the loss before and every parameter after each step.</summary>
        public Close Train(torch.nn.Module<torch.Tensor, torch.Tensor> torchModel, Optimizer optimizer, torch.optim.Optimizer torchOptimizer,
            int steps, ParityTolerance tolerance, Action? afterStep = null)
        {
            var tx = _x.ToTorch();
            var ttarget = _target.ToTorch();
            var ours = Model.NamedParameters().ToList();
            var theirs = torchModel.named_parameters().ToList();
            var close = new Close(tolerance, _name);
            for (int step = 1; step <= steps; step++)
            {
                optimizer.ZeroGrad();
                var loss = (Model.Forward(_x) - _target).Pow(2).Mean();
                loss.Backward();
                optimizer.Step();
                using (torch.NewDisposeScope())
                {
                    torchOptimizer.zero_grad();
                    var tloss = (torchModel.forward(tx) - ttarget).pow(2).mean();
                    tloss.backward();
                    torchOptimizer.step();
                    close.Check($"loss before step {step}", loss, tloss);
                }
                afterStep?.Invoke();
                for (int i = 0; i < ours.Count; i++)
                    close.Check($"{ours[i].Name} after step {step}", ours[i].Parameter, theirs[i].parameter);
            }
            return close;
        }

        /// <summary>The weights moved away from where both started: the comparison is not of two idle runs.</summary>
        public void AssertMoved() =>
            Assert.All(Model.Parameters().Zip(_initial), pair => Assert.NotEqual(pair.Second, pair.First.ToArray()));
    }
}
