using Xunit;
using System.Globalization;
using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.Tests.Support;

namespace AutoNet.Tests.Seed;

/// <summary>The whole 1000-epoch run follows the notebook's: every loss, the final weights, the accuracy.</summary>
public class SeedRunTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Thousand_epochs_follow_the_notebook()
    {
        var seed = new SeedModel();
        var expectedLosses = Fixtures.Flat(SeedModel.Reference.RootElement.GetProperty("loss_per_epoch"));
        var printed = SeedModel.Reference.RootElement.GetProperty("printed").EnumerateArray().Select(e => e.GetString()).ToArray();
        var lossFunction = new BCELoss();
        var optimizer = new SGD(seed.Model.Parameters(), lr: 0.1);
        var lines = new List<string>();
        double worst = 0;
        for (int epoch = 0; epoch < 1000; epoch++)
        {
            var loss = lossFunction.Forward(seed.Model.Forward(seed.X), seed.Y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            // The notebook adds 1e-8 inside its logs; plain BCE differs from its printed loss by at most ~2e-8.
            double diff = Math.Abs(loss.Item() - expectedLosses[epoch]);
            worst = Math.Max(worst, diff);
            Assert.True(diff <= 1e-7, $"epoch {epoch}: loss {loss.Item():R} vs notebook {expectedLosses[epoch]:R}");
            if (epoch % 100 == 0) lines.Add(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {loss.Item():F4}"));
        }
        Assert.Equal(printed, lines);
        Assert.True(worst > 0, "the check compares real values");

        double worstWeight = new[]
        {
            (SeedModel.Ref("final", "W1"), seed.Hidden.Weight.T.ToArray()), (SeedModel.Ref("final", "b1"), seed.Hidden.Bias!.ToArray()),
            (SeedModel.Ref("final", "W2"), seed.Output.Weight.T.ToArray()), (SeedModel.Ref("final", "b2"), seed.Output.Bias!.ToArray()),
        }.Max(pair => pair.Item1.Zip(pair.Item2).Max(t => Math.Abs(t.First - t.Second)));
        output.WriteLine($"max |loss - notebook| over 1000 epochs: {worst:E2}; max |final weight - notebook|: {worstWeight:E2}");
        Close.Absolute(SeedModel.Ref("final", "W1"), seed.Hidden.Weight.T.ToArray(), 1e-9, "W1");
        Close.Absolute(SeedModel.Ref("final", "b1"), seed.Hidden.Bias!.ToArray(), 1e-9, "b1");
        Close.Absolute(SeedModel.Ref("final", "W2"), seed.Output.Weight.T.ToArray(), 1e-9, "W2");
        Close.Absolute(SeedModel.Ref("final", "b2"), seed.Output.Bias!.ToArray(), 1e-9, "b2");

        using (Autograd.NoGrad())
        {
            var p = seed.Model.Forward(seed.X).ToArray();
            var y = seed.Y.ToArray();
            double accuracy = p.Zip(y).Count(t => (t.First > 0.5 ? 1.0 : 0.0) == t.Second) / (double)y.Length;
            Assert.Equal(SeedModel.Reference.RootElement.GetProperty("final_accuracy").GetDouble(), accuracy);
        }
    }
}
