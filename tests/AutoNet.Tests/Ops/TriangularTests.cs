using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Tril and Triu.</summary>
public class TriangularTests
{
    public static TheoryData<string> TorchTrilCases => TorchFixtures.Ids("tril");
    public static TheoryData<string> TorchTriuCases => TorchFixtures.Ids("triu");

    [Theory, MemberData(nameof(TorchTrilCases))]
    public void Tril_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory, MemberData(nameof(TorchTriuCases))]
    public void Triu_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Theory]
    [InlineData("3x4", 0)]
    [InlineData("4x3", -1)]
    [InlineData("2x3x4", 1)]
    [InlineData("2x2x3x3", -5)]
    [InlineData("3x3", 7)]
    public void GradCheck(string shape, int diagonal)
    {
        GradAssert.Passes(x => x[0].Tril(diagonal), Normal(490, shape));
        GradAssert.Passes(x => x[0].Triu(diagonal), Normal(491, shape));
    }

    [Fact]
    public void GradGradCheck() => GradAssert.SecondOrderPasses(x => x[0].Tril() * x[0].Triu(-1), Normal(492, "3x3"));

    [Fact]
    public void KeepsTheTriangle_BatchedOverLeadingDims()
    {
        var x = Tensor.Ones(2, 3, 4);
        Assert.Equal([1.0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0], x.Tril().ToArray()[..12]);
        Assert.Equal([0.0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1], x.Triu(1).ToArray()[12..]);
        Assert.Equal([0.0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0], x.Tril(-1).ToArray()[..12]);
        var sum = x.Tril(0) + x.Triu(1);
        Assert.Equal(x.ToArray(), sum.ToArray());
        Assert.Equal([0, 3], Tensor.Zeros(0, 3).Tril().Shape);
    }

    [Fact]
    public void FewerThanTwoDims_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Tril());
        Assert.Equal("Tril: needs a tensor of at least 2 dims (a matrix or a batch of matrices), got shape [3].", ex.Message);
        Assert.StartsWith("Triu", Assert.Throws<ArgumentException>(() => Tensor.Scalar(1).Triu()).Message);
    }
}
