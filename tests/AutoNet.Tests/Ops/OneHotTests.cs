using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>F.OneHot against PyTorch 1.13's F.one_hot (the expected values printed by /usr/bin/python3 for the same
/// inputs, quoted in each test).</summary>
public class OneHotTests
{
    [Fact]
    public void Infers_the_number_of_classes_and_appends_a_dim()
    {
        // F.one_hot(tensor([[0, 2], [1, 2]])) == [[[1, 0, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1]]], int64
        var y = F.OneHot(Tensor.From(new long[] { 0, 2, 1, 2 }, 2, 2));
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal([2, 2, 3], y.Shape);
        Assert.Equal([1L, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1], y.ToInt64Array());
    }

    [Fact]
    public void Takes_the_number_of_classes_and_handles_0d_and_empty_inputs()
    {
        // F.one_hot(tensor([1, 0]), 4) == [[0, 1, 0, 0], [1, 0, 0, 0]]; F.one_hot(tensor(2), 3) == [0, 0, 1];
        // F.one_hot(tensor([], dtype=long), 3).shape == [0, 3]
        Assert.Equal([0L, 1, 0, 0, 1, 0, 0, 0], F.OneHot(Tensor.From(new long[] { 1, 0 }, 2), 4).ToInt64Array());
        var scalar = F.OneHot(Tensor.From(new long[] { 2 }, 1).Reshape(), 3);
        Assert.Equal([3], scalar.Shape);
        Assert.Equal([0L, 0, 1], scalar.ToInt64Array());
        Assert.Equal([0, 3], F.OneHot(Tensor.From(Array.Empty<long>(), 0), 3).Shape);
    }

    [Fact]
    public void Bad_input_gets_a_clear_error()
    {
        var range = Assert.Throws<ArgumentException>(() => F.OneHot(Tensor.From(new long[] { 0, 3 }, 2), 3));
        Assert.StartsWith("OneHot: class indices must lie in [0, 2] for 3 classes, got values from 0 to 3.", range.Message);
        Assert.Throws<ArgumentException>(() => F.OneHot(Tensor.From(new long[] { -1 }, 1), 3));
        var dtype = Assert.Throws<ArgumentException>(() => F.OneHot(Tensor.From([1.0]), 3));
        Assert.Contains("expected an Int64 tensor of class indices, got float64", dtype.Message);
        var empty = Assert.Throws<ArgumentException>(() => F.OneHot(Tensor.From(Array.Empty<long>(), 0)));
        Assert.Contains("cannot infer the number of classes from an empty tensor", empty.Message);
    }
}
