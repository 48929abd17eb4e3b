using AutoNet.Data;
using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>Embedding and F.Embedding: lookup, the gradient of repeated and padding indices, second order, errors.</summary>
public class EmbeddingTests
{
    private static Tensor Indices(long[] values, params int[] shape) => Tensor.From(values, shape);

    [Fact]
    public void Output_has_the_input_shape_plus_the_row_size_and_holds_the_picked_rows()
    {
        var table = Tensor.From([0.0, 1, 10, 11, 20, 21], 3, 2);
        var y = F.Embedding(Indices([2, 0, 2, 1], 2, 2), table);
        Assert.Equal([2, 2, 2], y.Shape.ToArray());
        Assert.Equal([20.0, 21, 0, 1, 20, 21, 10, 11], y.ToArray());
        Assert.Equal([2], F.Embedding(Indices([1]).Reshape(), table).Shape.ToArray());   // a 0-d index gives one row
    }

    [Fact]
    public void A_row_picked_several_times_collects_the_sum_of_its_gradients()
    {
        var table = Tensor.From([0.0, 1, 10, 11, 20, 21], 3, 2);
        table.RequiresGrad = true;
        var weights = Tensor.From([1.0, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2);
        (F.Embedding(Indices([2, 0, 2, 2], 2, 2), table) * weights).Sum().Backward();
        // row 2 is picked at positions 0, 2, 3: (1 + 5 + 7, 2 + 6 + 8); row 0 at position 1; row 1 never.
        Assert.Equal([3.0, 4, 0, 0, 13, 16], table.Grad!.ToArray());
    }

    [Fact]
    public void The_padding_row_starts_at_zero_and_receives_no_gradient_though_it_is_read()
    {
        var layer = new Embedding(4, 3, paddingIdx: -1, generator: new NumPyRandomState(1));
        Assert.Equal(3, layer.PaddingIdx);
        Assert.Equal([0.0, 0, 0], layer.Weight[3].ToArray());
        using (Autograd.NoGrad()) layer.Weight[3] = Tensor.From([5.0, 5, 5]);
        var y = layer.Forward(Indices([3, 1, 3], 3));
        Assert.Equal([5.0, 5, 5], y[0].ToArray());                     // read like any row
        y.Sum().Backward();
        var grad = layer.Weight.Grad!;
        Assert.Equal([0.0, 0, 0], grad[3].ToArray());
        Assert.Equal([1.0, 1, 1], grad[1].ToArray());
        Assert.Equal("Embedding(4, 3, padding_idx=3)", layer.ToString());
        Assert.Equal(["weight"], layer.StateDict().Keys);
    }

    [Fact]
    public void The_table_starts_standard_normal_from_the_generator()
    {
        var layer = new Embedding(27, 10, generator: new NumPyRandomState(7));
        Assert.Equal(new NumPyRandomState(7).Randn(27, 10).ToArray(), layer.Weight.ToArray());
        Assert.Equal(DType.Float32, new Embedding(3, 2, dtype: DType.Float32).Weight.DType);
    }

    [Fact]
    public void GradCheck_and_GradGradCheck_pass_for_the_table_with_and_without_padding()
    {
        var idx = Indices([1, 0, 1, 3, 3, 2], 2, 3);
        var w = new NumPyRandomState(4).Randn(2, 3, 2);
        var table = new NumPyRandomState(3).Randn(4, 2);
        table.RequiresGrad = true;
        Func<Tensor[], Tensor> plain = t => (F.Embedding(idx, t[0]) * w).Tanh();
        Assert.True(Autograd.GradCheck(plain, [table]).Passed);
        Assert.True(Autograd.GradGradCheck(plain, [table]).Passed);
        // With padding row 3 the gradient deliberately ignores that row, so it is a constant here, not an input;
        // rows 0..2 are checked while the padding row is read at positions 3 and 4.
        var rows = new NumPyRandomState(5).Randn(3, 2);
        rows.RequiresGrad = true;
        var paddingRow = Tensor.From([0.7, -0.3], 1, 2);
        Func<Tensor[], Tensor> padded = t => (F.Embedding(idx, Tensor.Cat([t[0], paddingRow]), paddingIdx: 3) * w).Tanh();
        Assert.True(Autograd.GradCheck(padded, [rows]).Passed);
        Assert.True(Autograd.GradGradCheck(padded, [rows]).Passed);
    }

    [Fact]
    public void FromPretrained_copies_the_rows_and_freezes_them_unless_asked_not_to()
    {
        var rows = Tensor.From([1.0, 2, 3, 4], 2, 2);
        var frozen = Embedding.FromPretrained(rows);
        Assert.False(frozen.Weight.RequiresGrad);
        using (Autograd.NoGrad()) rows.CopyFrom(Tensor.Zeros(2, 2));
        Assert.Equal([1.0, 2, 3, 4], frozen.Weight.ToArray());
        Assert.True(Embedding.FromPretrained(frozen.Weight, freeze: false).Weight.RequiresGrad);
    }

    [Fact]
    public void Refuses_float_indices_indices_outside_the_table_and_a_bad_padding_index()
    {
        var table = Tensor.Zeros(3, 2);
        var e1 = Assert.Throws<ArgumentException>(() => F.Embedding(Tensor.From([1.0]), table));
        Assert.Contains("expected an Int64 tensor", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => F.Embedding(Indices([0, 3], 2), table));
        Assert.Contains("index 3 is out of range for a table of 3 rows (expected values in [0, 2])", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Embedding(Indices([-1], 1), table));
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(3, 2, paddingIdx: 3));
        Assert.Contains("expected [-3, 2]", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => F.Embedding(Indices([0], 1), Tensor.Zeros(3)));
        Assert.Contains("2-D table", e4.Message);
    }
}
