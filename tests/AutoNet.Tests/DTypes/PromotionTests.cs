using Xunit;

namespace AutoNet.Tests.DTypes;

/// <summary>Type promotion as torch 1.13's result_type, with AutoNet's default float dtype (Float64) where torch uses
/// its default (float32). Each expectation was printed by torch 1.13 (/usr/bin/python3).</summary>
public class PromotionTests
{
    private static readonly Tensor I = Tensor.From(new long[] { 1, 2, 3 });
    private static readonly Tensor F32 = Tensor.From([0.5f, 1.5f, 2.5f]);

    [Fact]
    public void Integer_with_float_gives_the_float()
    {
        var y = I + F32; // torch: float32
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new[] { 1.5f, 3.5f, 5.5f }, y.ToFloatArray());
        Assert.Equal(DType.Float64, (Tensor.From([1.0, 2, 3]) * I).DType);
        Assert.Equal(DType.Float32, (Tensor.From([true, false, true]) * F32).DType);
    }

    [Fact]
    public void Int64_arithmetic_stays_Int64()
    {
        Assert.Equal(new long[] { 2, 4, 6 }, (I + I).ToInt64Array());
        Assert.Equal(new long[] { 0, 0, 0 }, (I - I).ToInt64Array());
        Assert.Equal(new long[] { 1, 4, 9 }, (I * I).ToInt64Array());
        Assert.Equal(new long[] { -1, -2, -3 }, (-I).ToInt64Array());
        Assert.Equal(new long[] { 2, 4, 6 }, (I * 2).ToInt64Array());
        Assert.Equal(new long[] { 0, -1, -2 }, (1 - I).ToInt64Array());
        Assert.Equal(DType.Int64, (I + 1).DType);
    }

    [Fact]
    public void Int64_arithmetic_wraps_on_overflow_as_torch()
    {
        Assert.Equal(new long[] { 0 }, (Tensor.From(new[] { 1L << 62 }) * 4).ToInt64Array()); // torch: tensor([0])
    }

    [Fact]
    public void Int64_arithmetic_broadcasts()
    {
        var col = Tensor.From(new long[] { 10, 20 }, 2, 1);
        Assert.Equal(new long[] { 11, 12, 13, 21, 22, 23 }, (col + I).ToInt64Array());
        Assert.Equal([2, 3], (col * I).Shape);
        Assert.Equal(new long[] { 10, 20, 30, 20, 40, 60 }, (col * I).ToInt64Array());
    }

    [Fact]
    public void True_division_and_a_double_number_give_the_default_float()
    {
        Assert.Equal(DType.Float64, (I / I).DType); // torch: float32 (its default)
        Assert.Equal(new[] { 0.5, 1, 1.5 }, (I / 2).ToArray());
        Assert.Equal(new[] { 2.5, 5, 7.5 }, (I * 2.5).ToArray());
        Assert.Equal(DType.Float64, (I * 2.5).DType);
    }

    [Fact]
    public void A_number_never_changes_a_float_tensors_dtype()
    {
        Assert.Equal(DType.Float32, (F32 * 2).DType);
        Assert.Equal(DType.Float32, (F32 * 2.5).DType);
        Assert.Equal(new[] { 1f, 3f, 5f }, (F32 * 2).ToFloatArray());
    }

    [Fact]
    public void A_0d_tensor_promotes_only_across_categories()
    {
        // torch: int64 tensor + 0-d float64 -> float64; float32 tensor + 0-d int64 -> float32;
        // float32 tensor + 0-d float64 -> float32; bool tensor + 0-d int64 -> int64
        Assert.Equal(DType.Float64, (I + Tensor.Scalar(1.5)).DType);
        Assert.Equal(DType.Float32, (F32 + Tensor.From(new long[] { 2 }).Reshape()).DType);
        Assert.Equal(DType.Float32, (F32 + Tensor.Scalar(2.0)).DType);
        Assert.Equal(DType.Int64, (Tensor.From([true, false]) + Tensor.From(new long[] { 2 }).Reshape()).DType);
    }

    [Fact]
    public void Bool_arithmetic_computes_in_Int64()
    {
        var b = Tensor.From([true, false]);
        Assert.Equal(new long[] { 2, 1 }, (b + 1).ToInt64Array()); // torch: tensor([2, 1])
        Assert.Equal(new long[] { 2, 0 }, (b + b).ToInt64Array()); // torch keeps Bool (logical or): documented difference
        var e = Assert.Throws<ArgumentException>(() => -b);
        Assert.Contains("Neg: negation of a Bool tensor is not supported", e.Message);
    }

    [Theory]
    [InlineData("Exp")]
    [InlineData("Log")]
    [InlineData("Sqrt")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("Abs")]
    [InlineData("Relu")]
    public void Float_math_on_Int64_and_Bool_computes_in_Float64(string op)
    {
        Func<Tensor, Tensor> f = op switch
        {
            "Exp" => t => t.Exp(),
            "Log" => t => t.Log(),
            "Sqrt" => t => t.Sqrt(),
            "Sigmoid" => t => t.Sigmoid(),
            "Tanh" => t => t.Tanh(),
            "Abs" => t => t.Abs(),
            _ => t => t.Relu(),
        };
        var asFloat = f(I.To(DType.Float64));
        var y = f(I);
        Assert.Equal(DType.Float64, y.DType);
        Assert.Equal(asFloat.ToArray(), y.ToArray());
        Assert.Equal(DType.Float64, f(Tensor.From([true, false])).DType);
    }

    [Fact]
    public void Sum_of_Int64_and_Bool_is_Int64()
    {
        Assert.Equal(DType.Int64, I.Sum().DType);
        Assert.Equal(6L, I.Sum().ItemInt64());
        Assert.Equal(2L, Tensor.From([true, false, true]).Sum().ItemInt64());
        var m = Tensor.From(new long[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new long[] { 5, 7, 9 }, m.Sum(0).ToInt64Array());
        Assert.Equal(new long[] { 6, 15 }, m.Sum(-1).ToInt64Array());
        Assert.Equal([2, 1], m.Sum(1, keepDim: true).Shape);
        Assert.Equal(0L, Tensor.Zeros([0], DType.Int64).Sum().ItemInt64());
    }

    [Fact]
    public void Gradient_flows_to_the_float_operand_of_a_mixed_op()
    {
        var w = Tensor.From([0.5, 1.5, 2.5]);
        w.RequiresGrad = true;
        var loss = (w * I + I).Sum();
        loss.Backward();
        Assert.Equal(DType.Float64, loss.DType);
        Assert.Equal(new[] { 1.0, 2, 3 }, w.Grad!.ToArray());
        Assert.True(Autograd.GradCheck(x => (x[0] * I / (I + 1)).Sum(), [w]).Passed);
        Assert.True(Autograd.GradGradCheck(x => (x[0] * x[0] * I).Sum(), [w]).Passed);
    }
}
