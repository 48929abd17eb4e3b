using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.DTypes;

/// <summary>Int64 and Bool tensors: creation, reading back, conversion as torch's <c>to(dtype)</c>, and the rule that
/// they never require grad. Expected values are torch 1.13's (printed with /usr/bin/python3).</summary>
public class IntegerAndBoolTensorTests
{
    [Fact]
    public void From_long_and_bool_copy_the_data_in_the_given_shape()
    {
        long[] data = [1, -2, long.MaxValue, long.MinValue, 0, 7];
        var t = Tensor.From(data, 2, 3);
        data[0] = 99;
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal([2, 3], t.Shape);
        Assert.Equal(new long[] { 1, -2, long.MaxValue, long.MinValue, 0, 7 }, t.ToInt64Array());

        var m = Tensor.From([true, false, true]);
        Assert.Equal(DType.Bool, m.DType);
        Assert.Equal([3], m.Shape);
        Assert.Equal(new[] { true, false, true }, m.ToBoolArray());
        Assert.Equal(new[] { 1.0, 0, 1 }, m.ToArray());
        Assert.Equal(new long[] { 1, 0, 1 }, m.ToInt64Array());
    }

    [Fact]
    public void From_refuses_a_shape_that_does_not_fit()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.From(new long[] { 1, 2, 3 }, 2, 2));
        Assert.Contains("3 values cannot fill shape [2, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.From(new[] { true }, 2));
    }

    [Fact]
    public void Item_and_ItemInt64_read_one_element()
    {
        var big = Tensor.From(new[] { (1L << 53) + 1 }).Reshape();
        Assert.Equal((1L << 53) + 1, big.ItemInt64());
        Assert.Equal(9007199254740992.0, big.Item());
        Assert.Equal(1.0, Tensor.From([true]).Item());
        Assert.Equal(1L, Tensor.From([true]).ItemInt64());
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.From([1.5]).ItemInt64());
        Assert.Contains("To(DType.Int64)", e.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.From(new long[] { 1, 2 }).ItemInt64());
    }

    [Fact]
    public void ToBoolArray_and_ToInt64Array_refuse_other_dtypes_by_name()
    {
        Assert.Contains("float64", Assert.Throws<InvalidOperationException>(() => Tensor.From([1.0]).ToBoolArray()).Message);
        Assert.Contains("int64", Assert.Throws<InvalidOperationException>(() => Tensor.From(new long[] { 1 }).ToBoolArray()).Message);
        Assert.Contains("float32", Assert.Throws<InvalidOperationException>(() => Tensor.From([1f]).ToInt64Array()).Message);
    }

    [Fact]
    public void To_converts_as_torch()
    {
        // torch.tensor([-2.7, 2.7, -0.5, 0.0]).long() == [-2, 2, 0, 0]; .bool() == [True, True, True, False]
        var x = Tensor.From([-2.7, 2.7, -0.5, 0.0, double.NaN]);
        Assert.Equal(new long[] { -2, 2, 0, 0 }, x.To(DType.Int64).ToInt64Array()[..4]);
        Assert.Equal(new[] { true, true, true, false, true }, x.To(DType.Bool).ToBoolArray());
        Assert.Equal(new[] { true, true, true, false, true }, x.To(DType.Float32).To(DType.Bool).ToBoolArray());
        Assert.Equal(new long[] { -2, 2, 0, 0 }, x.To(DType.Float32).To(DType.Int64).ToInt64Array()[..4]);

        var i = Tensor.From(new long[] { -3, 0, 5, (1L << 53) + 1 });
        Assert.Equal(new[] { -3.0, 0, 5, 9007199254740992 }, i.To(DType.Float64).ToArray());
        Assert.Equal(new[] { -3f, 0, 5, 9007199254740992f }, i.To(DType.Float32).ToFloatArray());
        Assert.Equal(new[] { true, false, true, true }, i.To(DType.Bool).ToBoolArray());

        var b = Tensor.From([true, false]);
        Assert.Equal(new[] { 1.0, 0 }, b.To(DType.Float64).ToArray());
        Assert.Equal(new[] { 1f, 0 }, b.To(DType.Float32).ToFloatArray());
        Assert.Equal(new long[] { 1, 0 }, b.To(DType.Int64).ToInt64Array());
        Assert.Same(b, b.To(DType.Bool));
    }

    [Fact]
    public void Int64_and_Bool_tensors_cannot_require_grad()
    {
        var i = Tensor.From(new long[] { 1, 2 });
        var e = Assert.Throws<InvalidOperationException>(() => i.RequiresGrad = true);
        Assert.Contains("only Tensors of floating point dtype can require gradients", e.Message);
        Assert.Contains("int64", e.Message);
        Assert.Contains("To(DType.Float64)", e.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.From([true]).RequiresGrad = true);
        i.RequiresGrad = false; // setting false is always allowed
        Assert.Throws<InvalidOperationException>(() => new Parameter(Tensor.From(new long[] { 1 })));
    }

    [Fact]
    public void An_integer_result_of_a_tensor_that_requires_grad_is_not_recorded()
    {
        var x = Tensor.From([1.5, -2.5]);
        x.RequiresGrad = true;
        var i = x.To(DType.Int64);
        Assert.False(i.RequiresGrad);
        Assert.Null(i.GradFn);
        Assert.Null(x.To(DType.Bool).GradFn);
        // ...while the float ops around it still are: the integer copy acts as a constant.
        var y = (x * i).Sum();
        y.Backward();
        Assert.Equal(new[] { 1.0, -2 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Factories_make_Int64_and_Bool()
    {
        Assert.Equal(new long[] { 2, 2 }, Tensor.Full([2], 2.7, DType.Int64).ToInt64Array()); // torch.full(..., 2.7, dtype=long)
        Assert.Equal(new[] { true, true }, Tensor.Ones([2], DType.Bool).ToBoolArray());
        Assert.Equal(new[] { false }, Tensor.Zeros([1], DType.Bool).ToBoolArray());
        Assert.Equal(new long[] { 0, 1, 2 }, Tensor.Arange(3, DType.Int64).ToInt64Array());
        Assert.Equal(DType.Int64, Tensor.ZerosLike(Tensor.From(new long[] { 4 })).DType);
        Assert.Equal(DType.Bool, Tensor.Scalar(1, DType.Bool).DType);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(3, DType.Bool));
        Assert.Contains("Bool", e.Message);
    }

    [Fact]
    public void Layers_refuse_integer_dtypes_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(2, 3, dtype: DType.Int64));
        Assert.Contains("Linear: dtype int64 cannot hold trainable values", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNorm(3, dtype: DType.Bool));
    }

    [Fact]
    public void DType_helpers_cover_all_four()
    {
        Assert.Equal(["float64", "float32", "int64", "bool"], new[] { DType.Float64, DType.Float32, DType.Int64, DType.Bool }.Select(d => d.Name()));
        Assert.Equal([8, 4, 8, 1], new[] { DType.Float64, DType.Float32, DType.Int64, DType.Bool }.Select(d => d.ElementSize()));
        Assert.Equal([true, true, false, false], new[] { DType.Float64, DType.Float32, DType.Int64, DType.Bool }.Select(d => d.IsFloatingPoint()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DType)7).Name());
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.From([1.0]).To((DType)4));
    }

    [Fact]
    public void An_op_without_an_integer_kernel_says_so_instead_of_reading_bits()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.From(new long[] { 1, 2, 3, 4 }, 2, 2).MatMul(Tensor.From(new long[] { 1, 0, 0, 1 }, 2, 2)));
        Assert.Contains("int64", e.Message);
        Assert.Contains("To(DType.Float64)", e.Message);
    }
}
