using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Tensor.Stack: torch.stack's values, gradient (a select per input), dims, dtypes and errors.</summary>
public class StackTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("stack");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int> Patterns => new()
    {
        { "2x3", 0 }, { "2x3", 1 }, { "2x3", 2 }, { "2x3", -1 }, { "2x3", -3 }, { "scalar", 0 }, { "4", 1 }, { "2x0", 1 },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void GradCheck(string shape, int dim) =>
        GradAssert.Passes(x => Tensor.Stack(x, dim), Normal(311, shape), Normal(312, shape), Normal(313, shape));

    [Theory, MemberData(nameof(Patterns))]
    public void GradGradCheck(string shape, int dim)
    {
        if (shape == "2x0") return; // nothing to compare: GradGradCheck needs an element
        GradAssert.SecondOrderPasses(x => Tensor.Stack([x[0] * x[1], x[1] * x[1]], dim), Normal(314, shape), Normal(315, shape));
    }

    [Fact]
    public void Values_AndShape()
    {
        var y = Tensor.Stack([Tensor.From([1.0, 2]), Tensor.From([3.0, 4])], 1);
        Assert.Equal(new[] { 2, 2 }, y.Shape);
        Assert.Equal(new[] { 1.0, 3, 2, 4 }, y.ToArray());
        Assert.Equal(new[] { 3 }, Tensor.Stack([Tensor.Scalar(1), Tensor.Scalar(2), Tensor.Scalar(3)]).Shape);
    }

    [Fact]
    public void GradientOfEachInput_IsItsSlice()
    {
        var a = Leaf([1.0, 2]);
        var b = Leaf([3.0, 4]);
        var g = Autograd.Grad([Tensor.Stack([a, b], 1)], [a, b], [Tensor.From([10.0, 20, 30, 40], 2, 2)]);
        Assert.Equal(new[] { 10.0, 30 }, g[0]!.ToArray());
        Assert.Equal(new[] { 20.0, 40 }, g[1]!.ToArray());
    }

    [Fact]
    public void MixedDtypes_Promote()
    {
        var a = Tensor.Zeros([2], DType.Float32);
        Assert.Equal(DType.Float64, Tensor.Stack([a, Tensor.Zeros(2)]).DType);
        Assert.Equal(DType.Float32, Tensor.Stack([a, a]).DType);
    }

    [Fact]
    public void Errors_NameTheTensorAndShapes()
    {
        var a = Tensor.Zeros(2, 3);
        Assert.Contains("Stack: expected a non-empty list", Assert.Throws<ArgumentException>(() => Tensor.Stack([])).Message);
        Assert.Contains("Stack: tensor 1 has shape [2, 4], expected [2, 3] like tensor 0",
            Assert.Throws<ArgumentException>(() => Tensor.Stack([a, Tensor.Zeros(2, 4)])).Message);
        Assert.Contains("dim 3 is out of range for a tensor of rank 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Stack([a, a], 3)).Message);
    }
}
