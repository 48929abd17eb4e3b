using Xunit;

namespace AutoNet.Tests;

/// <summary>Bad input gets a clear exception whose message names the shapes and what was expected.</summary>
public class ErrorMessageTests
{
    public static TheoryData<string> BinaryOps => ["+", "-", "*", "/"];

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_ops_name_both_shapes_when_they_do_not_broadcast(string op)
    {
        var a = Tensor.Zeros(3, 4);
        var b = Tensor.Zeros(2, 4);
        var e = Assert.Throws<ArgumentException>(() => op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            _ => a / b,
        });
        Assert.Contains("[3, 4]", e.Message);
        Assert.Contains("[2, 4]", e.Message);
        Assert.Contains("broadcast", e.Message);
        Assert.StartsWith(op switch { "+" => "Add", "-" => "Sub", "*" => "Mul", _ => "Div" }, e.Message);
    }

    [Fact]
    public void MatMul_names_the_shapes_and_the_inner_dimensions()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(200, 3).MatMul(Tensor.Zeros(2, 4)));
        Assert.Equal("MatMul: shapes [200, 3] and [2, 4] cannot be multiplied (3 != 2).", e.Message);
    }

    [Fact]
    public void MatMul_refuses_0d_operands_and_mixed_dtypes()
    {
        Assert.Contains("at least 1 dim", Assert.Throws<ArgumentException>(() => Tensor.Scalar(2).MatMul(Tensor.Zeros(2, 2))).Message);
        Assert.Contains("same dtype", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 2).MatMul(Tensor.Zeros([2, 2], DType.Float32))).Message);
    }

    [Fact]
    public void Dims_out_of_range_name_the_dim_and_the_valid_range()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Contains("dim 2", e.Message);
        Assert.Contains("[-2, 1]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Max(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Softmax(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Transpose(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Mean(-3));
    }

    [Fact]
    public void Reshape_to_a_different_count_names_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, 2));
        Assert.Equal("Reshape: shape [4, 2] (8 elements) is invalid for a tensor of shape [2, 3] (6 elements).", e.Message);
        Assert.Contains("only one dimension can be -1", Assert.Throws<ArgumentException>(() => Tensor.Zeros(6).Reshape(-1, -1)).Message);
        Assert.Contains("invalid for a tensor", Assert.Throws<ArgumentException>(() => Tensor.Zeros(6).Reshape(-1, 4)).Message);
    }

    [Fact]
    public void From_checks_the_element_count()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.From([1.0, 2, 3], 2, 2));
        Assert.Equal("Tensor.From: 3 values cannot fill shape [2, 2] (4 elements).", e.Message);
    }

    [Fact]
    public void Item_on_many_elements_names_the_shape()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 2).Item());
        Assert.Contains("[2, 2]", e.Message);
    }

    [Fact]
    public void BCE_refuses_probabilities_and_labels_outside_0_1_and_shape_mismatch()
    {
        var p = Tensor.From([0.5, 1.2]);
        Assert.Contains("1.2", Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(p, Tensor.From([0.0, 1]))).Message);
        Assert.Contains("target", Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.From([0.5, 0.5]), Tensor.From([0.0, 2]))).Message);
        Assert.Contains("[2, 1]", Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.Zeros(2, 1), Tensor.Zeros(2))).Message);
    }

    [Fact]
    public void Clamp_refuses_min_above_max()
    {
        Assert.Contains("min <= max", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).Clamp(1, 0)).Message);
    }
}
