using Xunit;

namespace AutoNet.Tests.DTypes;

/// <summary>Int64 and Bool tensors print as torch 1.13 prints them (each expected string printed by torch).</summary>
public class PrintingTests
{
    [Fact]
    public void Int64_prints_padded_digits_without_a_dtype()
    {
        Assert.Equal("tensor([1, 2, 3])", Tensor.From(new long[] { 1, 2, 3 }).ToString());
        Assert.Equal("tensor([  1, -20,   3])", Tensor.From(new long[] { 1, -20, 3 }).ToString());
        Assert.Equal("tensor([[  1,   2],\n        [300,   4]])", Tensor.From(new long[] { 1, 2, 300, 4 }, 2, 2).ToString());
        Assert.Equal("tensor(3)", Tensor.From(new long[] { 3 }).Reshape().ToString());
        Assert.Equal("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])", Tensor.Arange(2000, DType.Int64).ToString());
    }

    [Fact]
    public void Bool_prints_True_and_False_padded()
    {
        Assert.Equal("tensor([ True, False])", Tensor.From([true, false]).ToString());
        Assert.Equal("tensor([True, True])", Tensor.From([true, true]).ToString());
        Assert.Equal("tensor([[ True],\n        [False]])", Tensor.From([true, false], 2, 1).ToString());
        Assert.Equal("tensor(True)", Tensor.From([true]).Reshape().ToString());
    }

    [Fact]
    public void Empty_integer_and_bool_tensors_name_their_dtype()
    {
        Assert.Equal("tensor([], dtype=int64)", Tensor.Zeros([0], DType.Int64).ToString());
        Assert.Equal("tensor([], dtype=bool)", Tensor.Zeros([0], DType.Bool).ToString());
        Assert.Equal("tensor([], size=(2, 0), dtype=int64)", Tensor.Zeros([2, 0], DType.Int64).ToString());
    }
}
