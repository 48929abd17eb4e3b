using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>
/// Ops/Broadcasting.cs: dtype promotion before a binary op (PyTorch's rules, replayed from PyTorch with mixed
/// float32/float64 operands) and the single place where a gradient is summed back to a broadcast input's shape.
/// Each binary op's own test file checks every broadcasting pattern with GradCheck.
/// </summary>
public class BroadcastingTests
{
    public static TheoryData<string> MixedDTypeCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var op in new[] { "add", "sub", "mul", "div" })
                foreach (var id in TorchFixtures.IdList(op, filter: "/mixed_")) data.Add(id);
            return data;
        }
    }

    [Theory, MemberData(nameof(MixedDTypeCases))]
    public void MixedDTypes_MatchPyTorch(string id) => TorchReplay.Replay(id);

    [Fact]
    public void Float32WithFloat64_PromotesToFloat64_ButA0DOperandAdoptsTheOthersDType()
    {
        var f32 = Tensor.From([1f, 2f, 3f]);
        Assert.Equal(DType.Float64, (f32 + Tensor.From([1.0, 2.0, 3.0])).DType);
        Assert.Equal(DType.Float32, (f32 * Tensor.Scalar(2.0)).DType);
        Assert.Equal(DType.Float32, (f32 / 2.0).DType);
        Assert.Equal(DType.Float64, (Tensor.Scalar(1.0, DType.Float32) + Tensor.Scalar(1.0)).DType);
    }

    [Fact]
    public void GradientOfEachInput_HasThatInputsShapeAndDType()
    {
        var a = Tensor.From([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        a.RequiresGrad = true;
        var b = Normal(241, "3x1x1");
        var grads = Autograd.Grad([(a * b).Sum()], [a, b]);
        Assert.Equal([2, 3], grads[0]!.Shape);
        Assert.Equal(DType.Float32, grads[0]!.DType);
        Assert.Equal([3, 1, 1], grads[1]!.Shape);
        Assert.Equal(DType.Float64, grads[1]!.DType);
        Assert.Equal(21.0, grads[1]!.ToArray()[0], 12);
    }

    [Fact]
    public void GradCheck_ChainOfBroadcasts() =>
        GradAssert.Passes(x => (x[0] * x[1] + x[2]) / (x[3] * x[3] + 1.0) - x[1],
            Normal(242, "3x1"), Normal(243, "1x4"), Normal(244, "4"), Normal(245, "2x3x4"));

    [Fact]
    public void GradGradCheck_ChainOfBroadcasts() =>
        GradAssert.SecondOrderPasses(x => (x[0] * x[1] + x[2]) * x[0], Normal(246, "3x1"), Normal(247, "1x4"), Normal(248, "scalar"));

    [Fact]
    public void SumTo_SumsOverAddedAndSizeOneDims()
    {
        var grad = Tensor.From([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0], 2, 2, 3);
        var g = AutoNet.Ops.SumTo.Forward(grad, [2, 1]);
        Assert.Equal([2, 1], g.Shape);
        Assert.Equal([1 + 2 + 3 + 7 + 8 + 9, 4 + 5 + 6 + 10 + 11 + 12.0], g.ToArray());
        Assert.Same(grad, AutoNet.Ops.SumTo.Forward(grad, [2, 2, 3]));
    }

    [Fact]
    public void IncompatibleShapes_NameTheDimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) * Tensor.Zeros(4, 3));
        Assert.Contains("[2, 3] and [4, 3] cannot be broadcast together (dimension 0: 2 != 4", ex.Message);
    }

    [Fact]
    public void Expanded_operands_are_read_in_place_with_the_values_of_their_copies()
    {
        // Binary ops read an expanded operand (stride 0) as its small block instead of copying it; every pairing,
        // including two operands that both repeat one value along the output's rows, must give the copies' values.
        var rng = new Random(8);
        Tensor Random(params int[] shape) => Tensor.From(Enumerable.Range(0, shape.Aggregate(1, (a, d) => a * d)).Select(_ => rng.NextDouble() - 0.5).ToArray(), shape);
        var column = Random(3, 1).Expand(3, 4);                 // stride 0 along the last dim
        var row = Random(4).Expand(3, 4);                       // stride 0 along the first
        var scalar = Random(1).Reshape().Expand(3, 4);          // stride 0 along both
        var full = Random(3, 4);
        Tensor[] operands = [column, row, scalar, full, Random(3, 4).Transpose(0, 1).Transpose(0, 1)];
        foreach (var a in operands)
            foreach (var b in operands)
            {
                var copyA = a.Contiguous();
                var copyB = b.Contiguous();
                Assert.Equal((copyA + copyB).ToArray(), (a + b).ToArray());
                Assert.Equal((copyA * copyB).ToArray(), (a * b).ToArray());
                Assert.Equal((copyA - copyB).ToArray(), (a - b).ToArray());
                Assert.Equal((copyA / copyB).ToArray(), (a / b).ToArray());
                Assert.Equal(Tensor.Maximum(copyA, copyB).ToArray(), Tensor.Maximum(a, b).ToArray());
            }
        // Gradients through Sum and Mean arrive expanded: the same values as the copies'.
        var x = Random(3, 4);
        x.RequiresGrad = true;
        (x * x.Sum(1, keepDim: true) + x.Mean(0, keepDim: true) * 2.0).Sum().Backward();
        var v = x.ToArray();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                double rowSum = Enumerable.Range(0, 4).Sum(k => v[i * 4 + k]);
                Assert.Equal(2 * rowSum + 2, x.Grad!.ToArray()[i * 4 + j], 12); // d(Σ S_i²)/dx_ij + 3 rows · 2 · 1/3
            }
    }
}
