using AutoNet.Data;
using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Misuse;

/// <summary>Shapes and dtypes that cannot exist are refused by the op that was called, with the shape in the message.</summary>
public class ShapeValidationTests
{
    [Fact]
    public void Reshape_to_a_shape_whose_element_count_overflows_is_refused_like_torch_reshape()
    {
        // 2147418113 * 1718039348 * 5 wraps around to 4 in 64-bit arithmetic: it must not pass for 4 elements.
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(4).Reshape(2147418113, 1718039348, 5));
        Assert.StartsWith("Reshape: shape [2147418113, 1718039348, 5] (more than ", e.Message);
        Assert.Contains("is invalid for a tensor of shape [4] (4 elements)", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(4).Reshape(2147418113, 1718039348, 5, -1));
    }

    [Fact]
    public void A_shape_with_a_zero_has_no_elements_whatever_the_order_of_its_dims_like_torch_zeros()
    {
        foreach (var shape in new[] { new[] { int.MaxValue, int.MaxValue, 0 }, [0, int.MaxValue, int.MaxValue], [int.MaxValue, 0, int.MaxValue] })
        {
            var z = Tensor.Zeros(shape);
            Assert.Equal(0, z.Count);
            Assert.Equal(shape, z.Shape);
            Assert.Equal(0, Tensor.Ones(shape).Count);
            Assert.Equal(0, Tensor.Full(shape, 2.0, DType.Float32).Count);
            Assert.Equal(0, new NumPyRandomState(0).Randn(shape).Count);
            Assert.Equal(shape, z.Reshape(-1, int.MaxValue, int.MaxValue).Reshape(shape).Shape);
            Assert.Equal(0.0, z.Sum().Item());
            Assert.Equal($"tensor([], size=({string.Join(", ", shape)}))", z.ToString()); // as torch prints it
        }
        Assert.Equal([0], Tensor.Zeros(int.MaxValue, 0).Reshape(-1).Shape);
    }

    public static TheoryData<string, Func<Tensor>> TooLarge => new()
    {
        { "Tensor.Zeros", () => Tensor.Zeros(int.MaxValue, int.MaxValue, 1) },
        { "Tensor.Ones", () => Tensor.Ones(65536, 65536) },
        { "Tensor.Full", () => Tensor.Full([65536, 65536], 1.0) },
        { "Add", () => Tensor.Zeros(1, 65536) + Tensor.Zeros(65536, 1) },
    };

    [Theory]
    [MemberData(nameof(TooLarge))]
    public void A_shape_with_more_elements_than_a_tensor_holds_is_refused_naming_the_op(string op, Func<Tensor> make)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => make());
        Assert.StartsWith(op + ": ", e.Message);
        Assert.Contains("elements", e.Message);
    }

    public static TheoryData<string, Func<Tensor>> Negative => new()
    {
        { "Tensor.Zeros", () => Tensor.Zeros(2, -3) },
        { "Tensor.Ones", () => Tensor.Ones(-1) },
        { "Tensor.Full", () => Tensor.Full([-2], 1.0) },
        { "Tensor.From", () => Tensor.From([1.0, 2], -1, -2) },
        { "Reshape", () => Tensor.Zeros(4).Reshape(-2, -2) },
    };

    [Theory]
    [MemberData(nameof(Negative))]
    public void A_negative_size_is_refused_naming_the_op_like_torch_zeros(string op, Func<Tensor> make)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => make());
        Assert.StartsWith(op + ": ", e.Message);
        Assert.Contains("-", e.Message);
    }

    public static TheoryData<string, Action> BadDType => new()
    {
        { "Tensor.Zeros", () => Tensor.Zeros([2], (DType)7) },
        { "Tensor.Ones", () => Tensor.Ones([2], (DType)7) },
        { "Tensor.Full", () => Tensor.Full([2], 1.0, (DType)7) },
        { "Tensor.Scalar", () => Tensor.Scalar(1.0, (DType)7) },
        { "Tensor.Arange", () => Tensor.Arange(3, (DType)7) },
        { "To", () => Tensor.Zeros(2).To((DType)7) },
        { "Linear", () => _ = new Linear(2, 3, dtype: (DType)7) },
        { "LayerNorm", () => _ = new LayerNorm(3, dtype: (DType)7) },
        { "BatchNorm1d", () => _ = new BatchNorm1d(3, dtype: (DType)7) },
        { "Init.Uniform", () => Init.Uniform([2], 0, 1, (DType)(-1)) },
        { "DType.Name", () => ((DType)7).Name() },
        { "DType.ElementSize", () => ((DType)7).ElementSize() },
    };

    [Theory]
    [MemberData(nameof(BadDType))]
    public void A_dtype_outside_the_enum_is_refused_naming_the_op(string op, Action call)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.StartsWith(op + ": dtype ", e.Message);
        Assert.Equal("dtype", e.ParamName);
    }

    [Fact]
    public void A_refused_dtype_leaves_the_default_generator_untouched()
    {
        var generator = new NumPyRandomState(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform([2], 0, 1, (DType)7, generator));
        Assert.Equal(new NumPyRandomState(3).Rand(2).ToArray(), generator.Rand(2).ToArray());
    }
}
