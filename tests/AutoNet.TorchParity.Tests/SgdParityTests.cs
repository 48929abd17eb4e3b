using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// AutoNet's SGD against torch.optim.SGD over 20 steps from the same weights, with momentum, dampening, Nesterov and
/// weight decay alone and together, compared parameter by parameter after every step.
/// </summary>
public class SgdParityTests
{
    public static IEnumerable<object[]> Settings() =>
        from s in new (string Name, double Lr, double Momentum, double Dampening, double WeightDecay, bool Nesterov)[]
        {
            ("plain", 0.1, 0, 0, 0, false),
            ("momentum", 0.05, 0.9, 0, 0, false),
            ("momentum with dampening", 0.05, 0.9, 0.3, 0, false),
            ("nesterov", 0.05, 0.9, 0, 0, true),
            ("weight decay", 0.1, 0, 0, 0.01, false),
            ("momentum, dampening and weight decay", 0.05, 0.8, 0.5, 0.05, false),
            ("nesterov with weight decay", 0.05, 0.7, 0, 0.1, true),
        }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { s.Name, s.Lr, s.Momentum, s.Dampening, s.WeightDecay, s.Nesterov, dtype };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Twenty_steps_match_torch_optim_SGD(string name, double lr, double momentum, double dampening, double weightDecay, bool nesterov, DType dtype)
    {
        var gen = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var model = new Sequential(new Linear(3, 5, dtype: dtype, generator: gen), new Nn.Tanh(), new Linear(5, 2, dtype: dtype, generator: gen));
        var x = Inputs.Make(gen, new InputSpec([16, 3]), dtype);
        var target = Inputs.Make(gen, new InputSpec([16, 2]), dtype);
        var optimizer = new SGD(model.Parameters(), lr, momentum, dampening, weightDecay, nesterov);

        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var torchOptimizer = torch.optim.SGD(torchModel.parameters(), lr, momentum, dampening, weightDecay, nesterov);
        var tx = x.ToTorch();
        var ttarget = target.ToTorch();
        var ours = model.NamedParameters().ToList();
        var theirs = torchModel.named_parameters().ToList();
        var close = new Close(ParityTolerance.For(dtype), $"SGD {name} {dtype.Name()}");
        var initial = ours.Select(p => p.Parameter.ToArray()).ToList();

        for (int step = 1; step <= 20; step++)
        {
            optimizer.ZeroGrad();
            var loss = (model.Forward(x) - target).Pow(2).Mean();
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
            for (int i = 0; i < ours.Count; i++)
                close.Check($"{ours[i].Name} after step {step}", ours[i].Parameter, theirs[i].parameter);
        }

        Assert.True(close.Failures.Count == 0, close.ToString());
        // The weights moved away from where both started: the comparison is not of two idle runs.
        Assert.All(ours.Zip(initial), pair => Assert.NotEqual(pair.Second, pair.First.Parameter.ToArray()));
    }
}
