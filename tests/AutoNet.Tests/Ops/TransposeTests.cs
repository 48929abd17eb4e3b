using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

public class TransposeTests
{
    public static TheoryData<string> TorchCases => TorchFixtures.Ids("transpose");

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    public static TheoryData<string, int, int> Dims => new()
    {
        { "3x4", 0, 1 }, { "3x4", 1, 0 }, { "3x4", -1, -2 }, { "2x3x4", 0, 2 }, { "2x3x4", 1, -1 }, { "2x3x4", 1, 1 },
        { "5", 0, 0 },
    };

    [Theory, MemberData(nameof(Dims))]
    public void GradCheck(string shape, int dim0, int dim1) =>
        GradAssert.Passes(x => x[0].Transpose(dim0, dim1) * x[1], Normal(191, shape), Normal(192, SwappedShape(shape, dim0, dim1)));

    [Fact]
    public void T_TransposesAMatrix()
    {
        var x = Tensor.From([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        Assert.Equal([1.0, 4.0, 2.0, 5.0, 3.0, 6.0], x.T.ToArray());
        Assert.Equal([3, 2], x.T.Shape);
    }

    private static int[] SwappedShape(string shape, int dim0, int dim1)
    {
        var s = Shape(shape);
        int d0 = dim0 < 0 ? dim0 + s.Length : dim0, d1 = dim1 < 0 ? dim1 + s.Length : dim1;
        (s[d0], s[d1]) = (s[d1], s[d0]);
        return s;
    }
}
