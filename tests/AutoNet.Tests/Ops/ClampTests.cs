using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class ClampTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("clamp");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    /// <summary>Values at least 0.05 from the bounds ±0.5 and 0.3, inside and outside.</summary>
    private static Tensor Values() => Leaf([-1.3, -0.7, -0.2, 0.1, 0.2, 0.4, 0.9, 1.6, -0.45, 0.38, 0.62, -2.0], 3, 4);

    public static TheoryData<double, double> Bounds => new()
    {
        { -0.5, 0.5 }, { double.NegativeInfinity, 0.3 }, { -0.2 + 0.05, double.PositiveInfinity }, { 0.25, 0.25 },
    };

    [Theory, MemberData(nameof(Bounds))]
    public void GradCheck(double min, double max) => GradAssert.Passes(x => x[0].Clamp(min, max), Values());

    [Fact]
    public void GradientAtTheBounds_IsOne_AsPyTorch()
    {
        var x = Leaf([-0.5, 0.5, -0.7, 0.7]);
        Assert.Equal([1.0, 1.0, 0.0, 0.0], Autograd.Grad([x.Clamp(-0.5, 0.5).Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void MinAboveMax_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).Clamp(1, 0));
        Assert.Contains("min <= max", ex.Message);
    }
}
