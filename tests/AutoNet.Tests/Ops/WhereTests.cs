using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>Tensor.Where and MaskedFill: selection with broadcasting; gradients to the chosen elements.</summary>
public class WhereTests
{
    public static TheoryData<string> TorchCases => new(TorchFixtures.IdList("where").Concat(TorchFixtures.IdList("masked_fill")));

    [Theory, MemberData(nameof(TorchCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    private static Tensor Mask(params bool[] values) => Tensor.From(values);

    [Fact]
    public void Selects_and_broadcasts()
    {
        var c = Tensor.From([true, false, true], 3);
        var a = Tensor.From([1.0, 2.0], 2, 1);
        var y = Tensor.Where(c, a, Tensor.Scalar(-1));
        Assert.Equal([2, 3], y.Shape);
        Assert.Equal(new[] { 1.0, -1, 1, 2, -1, 2 }, y.ToArray());
        var ints = Tensor.Where(c, Tensor.From(new long[] { 1, 2, 3 }), Tensor.From(new long[] { 7 }));
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(new long[] { 1, 7, 3 }, ints.ToInt64Array());
        Assert.Equal(DType.Float32, Tensor.Where(c, Tensor.From([1f, 2f, 3f]), Tensor.From(new long[] { 0 })).DType);
    }

    [Theory, MemberData(nameof(TestShapes.BroadcastPatterns), MemberType = typeof(TestShapes))]
    public void GradCheck(string shapeA, string shapeB)
    {
        var a = Normal(711, shapeA);
        var b = Normal(712, shapeB);
        int[] shape = AutoNet.Internal.ShapeUtil.Broadcast(a.ShapeArray, b.ShapeArray, "test");
        var cond = Tensor.From(Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(i => i % 3 != 1).ToArray(), shape.Length == 0 ? [1] : shape);
        if (shape.Length == 0) cond = cond.Reshape();
        GradAssert.Passes(x => Tensor.Where(cond, x[0], x[1]), a, b);
        GradAssert.SecondOrderPasses(x => Tensor.Where(cond, x[0] * x[0], x[1] * x[0]), a, b);
    }

    [Fact]
    public void Condition_broadcasts_over_the_values()
    {
        var cond = Tensor.From([true, false], 2, 1);
        GradAssert.Passes(x => Tensor.Where(cond, x[0], x[1]), Normal(713, "3"), Normal(714, "2x3"));
    }

    [Fact]
    public void Gradient_goes_to_the_chosen_side()
    {
        var a = Leaf([1.0, 2.0, 3.0], 3);
        var b = Leaf([4.0, 5.0, 6.0], 3);
        var g = Autograd.Grad([Tensor.Where(Mask(true, false, true), a, b).Sum()], [a, b]);
        Assert.Equal(new[] { 1.0, 0, 1 }, g[0]!.ToArray());
        Assert.Equal(new[] { 0.0, 1, 0 }, g[1]!.ToArray());
    }

    [Fact]
    public void Condition_must_be_Bool()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.From([1.0]), Tensor.Zeros(1), Tensor.Zeros(1)));
        Assert.Contains("Where: the condition must be a Bool tensor, got float64", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Where(Mask(true, false), Tensor.Zeros(3), Tensor.Zeros(3)));
    }

    [Fact]
    public void MaskedFill_fills_and_keeps_the_gradient_of_the_rest()
    {
        var x = Leaf([1.0, 2.0, 3.0, 4.0], 2, 2);
        var causal = Tensor.From([false, true, false, false], 2, 2);
        var y = x.MaskedFill(causal, double.NegativeInfinity);
        Assert.Equal(new[] { 1.0, double.NegativeInfinity, 3, 4 }, y.ToArray());
        var g = Autograd.Grad([x.MaskedFill(causal, 0).Sum()], [x])[0]!;
        Assert.Equal(new[] { 1.0, 0, 1, 1 }, g.ToArray());
        GradAssert.Passes(t => t[0].MaskedFill(Tensor.From([true, false, false], 3), 2.5), Normal(715, "2x3"));
        GradAssert.SecondOrderPasses(t => (t[0] * t[0]).MaskedFill(Tensor.From([true, false, false], 3), 2.5), Normal(716, "2x3"));
    }

    [Fact]
    public void MaskedFill_keeps_the_dtype_and_refuses_a_mask_that_grows_the_tensor()
    {
        Assert.Equal(new long[] { 2, 5 }, Tensor.From(new long[] { 1, 5 }).MaskedFill(Mask(true, false), 2.7).ToInt64Array()); // torch: 2
        Assert.Equal(DType.Float32, Tensor.From([1f, 2f]).MaskedFill(Mask(true, false), 0).DType);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).MaskedFill(Tensor.Zeros([2, 3], DType.Bool), 1));
        Assert.Contains("MaskedFill: a mask of shape [2, 3] does not broadcast to the tensor's shape [3]", e.Message);
        Assert.Contains("Bool", Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).MaskedFill(Tensor.Zeros(3), 1)).Message);
    }
}
