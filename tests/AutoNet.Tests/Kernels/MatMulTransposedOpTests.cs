using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// The MatMul op with operands read transposed in place (what its backward uses instead of copying a transpose):
/// values equal to the product of explicit transposes, and first- and second-order gradients checked by finite
/// differences for all four flag combinations.
/// </summary>
public class MatMulTransposedOpTests
{
    public static TheoryData<bool, bool> Flags => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    private static (Tensor A, Tensor B) Operands(bool transposeA, bool transposeB, int seed) =>
        (Normal(seed, transposeA ? "4x3" : "3x4"), Normal(seed + 1, transposeB ? "5x4" : "4x5"));

    [Theory, MemberData(nameof(Flags))]
    public void EqualsTheProductOfExplicitTransposes(bool transposeA, bool transposeB)
    {
        var (a, b) = Operands(transposeA, transposeB, 300);
        var expected = (transposeA ? a.T : a).MatMul(transposeB ? b.T : b);
        var actual = AutoNet.Ops.MatMul.Forward(a, b, transposeA, transposeB);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Theory, MemberData(nameof(Flags))]
    public void GradCheck(bool transposeA, bool transposeB)
    {
        var (a, b) = Operands(transposeA, transposeB, 310);
        GradAssert.Passes(x => AutoNet.Ops.MatMul.Forward(x[0], x[1], transposeA, transposeB), a, b);
    }

    [Theory, MemberData(nameof(Flags))]
    public void GradGradCheck(bool transposeA, bool transposeB)
    {
        var (a, b) = Operands(transposeA, transposeB, 320);
        GradAssert.SecondOrderPasses(x => AutoNet.Ops.MatMul.Forward(x[0], x[1], transposeA, transposeB), a, b);
    }

    [Fact]
    public void InnerSizeMismatch_NamesTheTransposedShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => AutoNet.Ops.MatMul.Forward(Tensor.Zeros(3, 200), Tensor.Zeros(2, 4), transposeA: true, transposeB: false));
        Assert.Contains("[3, 200]ᵀ and [2, 4] cannot be multiplied (3 != 2)", ex.Message);
    }
}
