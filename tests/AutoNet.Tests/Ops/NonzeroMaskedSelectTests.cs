using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Nonzero (Int64 coordinates) and MaskedSelect (Bool mask, broadcast; gradient back to the picked elements).</summary>
public class NonzeroMaskedSelectTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("masked_select");

    [Theory, MemberData(nameof(TorchCases))]
    public void MaskedSelect_MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Fact]
    public void Nonzero_GivesRowMajorCoordinates()
    {
        var y = Tensor.From([0.0, 1, 0, double.NaN, -0.0, 2], 2, 3).Nonzero();
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(new[] { 3, 2 }, y.Shape);
        Assert.Equal(new[] { 0.0, 1, 1, 0, 1, 2 }, y.ToArray());
    }

    [Fact]
    public void Nonzero_OfScalars_AndBool()
    {
        Assert.Equal(new[] { 1, 0 }, Tensor.Scalar(5).Nonzero().Shape);
        Assert.Equal(new[] { 0, 0 }, Tensor.Scalar(0).Nonzero().Shape);
        Assert.Equal(new[] { 1.0, 2 }, Tensor.From(new[] { false, true, true }, 3).Nonzero().ToArray());
        Assert.Equal(new[] { 0, 1 }, Tensor.Zeros(0).Nonzero().Shape);
    }

    [Fact]
    public void MaskedSelect_PicksInRowMajorOrder_WithBroadcasting()
    {
        var x = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        var mask = Tensor.From(new[] { true, false, true }, 3);
        Assert.Equal(new[] { 1.0, 3, 4, 6 }, x.MaskedSelect(mask).ToArray());
        Assert.Equal(new[] { 1.0, 2, 3, 1, 2, 3 }, Tensor.From([1.0, 2, 3]).MaskedSelect(Tensor.From(new[] { true, true, true, true, true, true }, 2, 3)).ToArray());
    }

    [Fact]
    public void MaskedSelect_GradCheck_AndGradGradCheck_Broadcast()
    {
        var mask = Tensor.From(new[] { true, false, true, true, true, false }, 2, 3);
        GradAssert.Passes(x => x[0].MaskedSelect(mask), Normal(421, [3]));
        GradAssert.SecondOrderPasses(x => (x[0] * x[0]).MaskedSelect(mask), Normal(422, [2, 3]));
    }

    [Fact]
    public void BoolMaskIndex_BuiltOnNonzero()
    {
        // x[mask] for a mask of x's shape = x.MaskedSelect(mask); x[mask] on the first dim = IndexSelect of the nonzero rows
        var x = Leaf([1.0, 2, 3, 4, 5, 6], 3, 2);
        var rows = Tensor.From(new[] { true, false, true }, 3);
        var picked = x.IndexSelect(0, rows.Nonzero().Reshape(-1));
        Assert.Equal(new[] { 1.0, 2, 5, 6 }, picked.ToArray());
        Assert.Equal(new[] { 1.0, 1, 0, 0, 1, 1 }, Autograd.Grad([picked.Sum()], [x])[0]!.ToArray());
    }

    [Fact]
    public void MaskedSelect_Errors()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("MaskedSelect: mask has dtype float64; expected a Bool tensor",
            Assert.Throws<ArgumentException>(() => x.MaskedSelect(Tensor.Zeros(2, 3))).Message);
        Assert.Contains("cannot be broadcast", Assert.Throws<ArgumentException>(() => x.MaskedSelect(Tensor.From(new[] { true, false }, 2))).Message);
    }
}
