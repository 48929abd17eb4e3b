using Xunit;

namespace AutoNet.Tests.Views;

/// <summary>
/// The indexer's tensor entries (advanced indexing): an Int64 tensor of positions (<c>C[X]</c>) and a Bool mask.
/// Expected values are PyTorch 1.13's, printed by /usr/bin/python3 for the same inputs (the lines are quoted in each
/// test), so a test fails if AutoNet's shapes, values or gradients differ from torch's.
/// </summary>
public class AdvancedIndexingTests
{
    private static Tensor Arange(int n, params int[] shape) => Tensor.Arange(n).Reshape(shape);

    [Fact]
    public void An_Int64_index_replaces_the_dim_by_its_shape_and_its_gradient_accumulates_at_repeated_rows()
    {
        // C = arange(12.).reshape(4, 3); X = [[0, 3], [3, -1]]; y = C[X]; (y * arange(12.).reshape(2, 2, 3)).sum().backward()
        var c = Arange(12, 4, 3);
        c.RequiresGrad = true;
        var x = Tensor.From(new long[] { 0, 3, 3, -1 }, 2, 2);

        var y = c[x];
        (y * Arange(12, 2, 2, 3)).Sum().Backward();

        Assert.Equal([2, 2, 3], y.Shape);
        Assert.Equal([0.0, 1, 2, 9, 10, 11, 9, 10, 11, 9, 10, 11], y.ToArray());
        Assert.Equal([0.0, 1, 2, 0, 0, 0, 0, 0, 0, 18, 21, 24], c.Grad!.ToArray());
    }

    [Fact]
    public void The_embedding_lookup_passes_the_gradient_checks()
    {
        var c = new AutoNet.Data.NumPyRandomState(3).Randn(5, 2);
        c.RequiresGrad = true;
        var x = Tensor.From(new long[] { 4, 0, 4, 1, 4, 2 }, 3, 2);
        Assert.True(Autograd.GradCheck(t => t[0][x], [c]).Passed);
        Assert.True(Autograd.GradGradCheck(t => t[0][x], [c]).Passed);
    }

    [Fact]
    public void A_Bool_mask_over_the_leading_dims_picks_the_true_positions_as_one_dim()
    {
        // x = arange(24.).reshape(2, 3, 4); m = [[True, False, True], [False, False, True]]; x[m] is [3, 4]
        var x = Arange(24, 2, 3, 4);
        var m = Tensor.From(new[] { true, false, true, false, false, true }, 2, 3);

        var y = x[m];

        Assert.Equal([3, 4], y.Shape);
        Assert.Equal([0.0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23], y.ToArray());
    }

    [Fact]
    public void Tensor_entries_combine_with_ints_and_ranges_as_in_PyTorch()
    {
        // x[:, tensor([2, 0])].shape == [2, 2, 4]; x[1, :, tensor([3, 3])] == [[15, 15], [19, 19], [23, 23]]
        var x = Arange(24, 2, 3, 4);
        Assert.Equal([2, 2, 4], x[.., Tensor.From(new long[] { 2, 0 }, 2)].Shape);
        var y = x[1, .., Tensor.From(new long[] { 3, 3 }, 2)];
        Assert.Equal([3, 2], y.Shape);
        Assert.Equal([15.0, 15, 19, 19, 23, 23], y.ToArray());
    }

    [Fact]
    public void A_0d_mask_adds_a_dim_of_one_or_zero()
    {
        // x[tensor(True)].shape == [1, 2, 3, 4]; x[tensor(False)].shape == [0, 2, 3, 4]
        var x = Arange(24, 2, 3, 4);
        Assert.Equal([1, 2, 3, 4], x[Tensor.From(new[] { true }, 1).Reshape()].Shape);
        Assert.Equal([0, 2, 3, 4], x[Tensor.From(new[] { false }, 1).Reshape()].Shape);
    }

    [Fact]
    public void Writing_through_tensor_entries_under_NoGrad_writes_the_picked_positions()
    {
        // z = zeros(3, 4); z[tensor([2, 0])] = tensor([1., 2, 3, 4]); z = arange(6.).reshape(2, 3); z[z > 2] = -1
        var z = Tensor.Zeros(3, 4);
        z[Tensor.From(new long[] { 2, 0 }, 2)] = Tensor.From([1.0, 2, 3, 4]);
        Assert.Equal([1.0, 2, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4], z.ToArray());

        var w = Arange(6, 2, 3);
        w.RequiresGrad = true;
        using (Autograd.NoGrad()) w[w.Gt(2)] = Tensor.Scalar(-1);
        Assert.Equal([0.0, 1, 2, -1, -1, -1], w.ToArray());
    }

    [Fact]
    public void Misuse_gets_clear_errors()
    {
        var x = Arange(6, 2, 3);
        x.RequiresGrad = true;
        var i = Tensor.From(new long[] { 1 }, 1);

        var leaf = Assert.Throws<InvalidOperationException>(() => x[i] = Tensor.Scalar(0));
        Assert.Contains("a leaf tensor that requires grad", leaf.Message);
        var two = Assert.Throws<ArgumentException>(() => x[i, i]);
        Assert.StartsWith("Indexer: got 2 tensor indices", two.Message);
        var mask = Assert.Throws<ArgumentException>(() => x[Tensor.From(new[] { true, false }, 2, 1)]);
        Assert.Contains("does not match the indexed dims", mask.Message);
        var dtype = Assert.Throws<ArgumentException>(() => x[Tensor.From([1.0])]);
        Assert.Contains("must be Int64 (positions) or Bool (a mask)", dtype.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => x[Tensor.From(new long[] { 2 }, 1)]);
        Assert.Contains("out of range", range.Message);
    }
}
