using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class BinaryCrossEntropyTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("bce");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<Reduction> Reductions => new() { Reduction.None, Reduction.Mean, Reduction.Sum };

    [Theory, MemberData(nameof(Reductions))]
    public void GradCheck_ProbabilitiesAndTargets(Reduction reduction) =>
        GradAssert.Passes(x => F.BinaryCrossEntropy(x[0], x[1], reduction),
            Uniform(201, [3, 4], 0.05, 0.95), Uniform(202, [3, 4], 0.0, 1.0));

    [Fact]
    public void GradGradCheck() =>
        GradAssert.SecondOrderPasses(x => F.BinaryCrossEntropy(x[0], x[1]), Uniform(203, [3, 4], 0.1, 0.9), Uniform(204, [3, 4], 0.0, 1.0));

    [Fact]
    public void ProbabilitiesZeroAndOne_GiveClampedLossAndFiniteInputGradient_AsPyTorch()
    {
        var p = Leaf([0.0, 1.0, 0.0, 1.0]);
        var y = Tensor.From([1.0, 0.0, 0.0, 1.0]);
        var loss = F.BinaryCrossEntropy(p, y, Reduction.None);
        Assert.Equal([100.0, 100.0, 0.0, 0.0], loss.ToArray());
        var g = Autograd.Grad([loss.Sum()], [p])[0]!.ToArray();
        // (p - y) / max((1 - p) p, ε), with PyTorch's ε = (float)1e-12
        double eps = (double)1e-12f;
        Assert.Equal([-1 / eps, 1 / eps, 0.0, 0.0], g);
    }

    [Fact]
    public void TinyProbability_LossUsesLogOfOneMinusP_AsPyTorch()
    {
        // PyTorch 1.13 computes log(1 - p), which is exactly 0 for p = 1e-50 (log1p(-p) would give -1e-50).
        var loss = F.BinaryCrossEntropy(Tensor.From([1e-50]), Tensor.From([0.0]), Reduction.None);
        Assert.Equal(0.0, loss.Item());
    }

    [Fact]
    public void ValuesOutsideZeroOne_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.From([1.5]), Tensor.From([1.0])));
        Assert.Contains("[0, 1]", ex.Message);
    }
}
