using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class MatMulTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("matmul");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    /// <summary>1-D and 2-D operands in every combination, as torch.matmul.</summary>
    public static TheoryData<string, string> Operands => new()
    {
        { "3x4", "4x5" }, { "4", "4x5" }, { "3x4", "4" }, { "4", "4" }, { "1x4", "4x1" }, { "3x4", "4x1" },
        { "1x1", "1x1" }, { "6x8", "8x7" },
    };

    [Theory, MemberData(nameof(Operands))]
    public void GradCheck(string a, string b) => GradAssert.Passes(x => x[0].MatMul(x[1]), Normal(171, a), Normal(172, b));

    [Theory, MemberData(nameof(Operands))]
    public void GradGradCheck(string a, string b) =>
        GradAssert.SecondOrderPasses(x => x[0].MatMul(x[1]), Normal(173, a), Normal(174, b));

    [Fact]
    public void OutputShapes_FollowTorchMatmul()
    {
        Assert.Equal([5], Normal(175, "4").MatMul(Normal(176, "4x5")).Shape);
        Assert.Equal([3], Normal(177, "3x4").MatMul(Normal(178, "4")).Shape);
        Assert.Empty(Normal(179, "4").MatMul(Normal(180, "4")).Shape);
    }

    [Fact]
    public void InnerSizeMismatch_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(200, 3).MatMul(Tensor.Zeros(2, 4)));
        Assert.Contains("[200, 3] and [2, 4] cannot be multiplied (3 != 2)", ex.Message);
    }
}
