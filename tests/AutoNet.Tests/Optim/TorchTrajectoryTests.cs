using AutoNet.Optim;
using Xunit;
using Xunit.Abstractions;
using static AutoNet.Tests.Optim.TorchOptimFixture;

namespace AutoNet.Tests.Optim;

/// <summary>
/// Every optimiser against PyTorch 1.13: 20 steps on an elementwise quadratic with fixed targets, the parameters
/// compared after each step. Adam, AdamW, RMSprop and Adagrad repeat PyTorch's arithmetic exactly (its
/// <c>add(alpha=)</c> and <c>addcmul</c> are fused multiply-adds in its AVX2 kernels, and so are AutoNet's), so
/// they must agree bit for bit, in float64 and float32. SGD's last step, <c>p - lr · d_p</c>, rounds the product
/// first (as the NumPy seed notebook does, which the moons example reproduces), so it is held to 1e-12 relative.
/// </summary>
public class TorchTrajectoryTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Cases => Names("optimisers");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parameters_follow_PyTorchs_trajectory(string name)
    {
        var c = Case("optimisers", name);
        var dtype = c.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        var shapes = c.GetProperty("shapes");
        var ps = new Tensor[2];
        var cs = new Tensor[2];
        var ts = new Tensor[2];
        for (int i = 0; i < 2; i++)
        {
            ps[i] = Values(c.GetProperty("init")[i], shapes[i], dtype);
            ps[i].RequiresGrad = true;
            cs[i] = Values(c.GetProperty("c")[i], shapes[i], dtype);
            ts[i] = Values(c.GetProperty("t")[i], shapes[i], dtype);
        }
        var opt = Make(c.GetProperty("optimiser").GetString()!, c.GetProperty("kwargs"), ps);
        bool skip = c.GetProperty("skip_second_on_odd_steps").GetBoolean();
        double tolerance = c.GetProperty("optimiser").GetString() == "SGD" ? 1e-12 : 0.0;
        double worst = 0;
        var trajectory = c.GetProperty("trajectory");
        for (int step = 1; step <= c.GetProperty("steps").GetInt32(); step++)
        {
            opt.ZeroGrad();
            for (int i = 0; i < 2; i++)
                if (!(skip && i == 1 && step % 2 == 1)) ps[i].Grad = Gradient(ps[i], cs[i], ts[i]);
            opt.Step();
            for (int i = 0; i < 2; i++)
            {
                var expected = Support.Fixtures.Flat(trajectory[step - 1][i]);
                var actual = ps[i].ToArray();
                for (int k = 0; k < expected.Length; k++)
                {
                    double err = Math.Abs(actual[k] - expected[k]) / Math.Max(Math.Abs(expected[k]), 1e-300);
                    worst = Math.Max(worst, err);
                    Assert.True(err <= tolerance,
                        $"{name} step {step} param {i}[{k}]: expected {expected[k]:R}, got {actual[k]:R} (rel err {err:E3})");
                }
            }
        }
        output.WriteLine($"{name}: worst relative error vs PyTorch over 20 steps = {worst:E3}");
    }
}
