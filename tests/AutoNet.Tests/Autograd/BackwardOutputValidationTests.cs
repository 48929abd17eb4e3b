using Xunit;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>
/// The engine checks what every backward returns, as PyTorch's validate_outputs does: one gradient per input, each
/// of the input's shape (a gradient that broadcasts to it is summed down to it, once, in the engine) and dtype.
/// </summary>
public class BackwardOutputValidationTests
{
    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>y = Σ inputs, whose backward returns what the test gives it.</summary>
    private sealed class Returns(Func<Tensor, Tensor?[]> backward) : AutoNet.Autograd.Function
    {
        protected override Tensor Forward(Tensor[] inputs) => inputs.Aggregate((a, b) => a + b);

        protected internal override Tensor?[] Backward(Tensor grad) => backward(grad);
    }

    [Fact]
    public void Validate_outputs_refuses_too_few_gradients_naming_the_function_and_where_it_was_created()
    {
        var a = Leaf(1, 2);
        var b = Leaf(3, 4);
        Tensor y;
        using (AutoNet.Autograd.RecordCreationSites()) y = new Returns(g => [g]).Apply(a, b);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("Returns", e.Message);
        Assert.Contains("returned 1 gradient", e.Message);
        Assert.Contains("2 inputs", e.Message);
        Assert.Contains(nameof(BackwardOutputValidationTests), e.Message);   // the creation site: this method
    }

    [Fact]
    public void Validate_outputs_refuses_too_many_gradients()
    {
        var a = Leaf(1, 2);
        var y = new Returns(g => [g, g]).Apply(a);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("Returns", e.Message);
        Assert.Contains("returned 2 gradients", e.Message);
        Assert.Contains("1 input", e.Message);
    }

    [Fact]
    public void Validate_outputs_sums_a_gradient_that_broadcasts_to_the_input_down_to_its_shape()
    {
        var a = Leaf(1, 2);
        var y = new Returns(g => [Tensor.Ones(3, 2) * g]).Apply(a);
        y.Backward(Tensor.From([1.0, 10]));
        Assert.Equal(new[] { 3.0, 30 }, a.Grad!.ToArray());
    }

    [Fact]
    public void Validate_outputs_refuses_a_gradient_of_another_shape_naming_the_node_the_input_and_both_shapes()
    {
        var a = Leaf(1, 2);
        var y = new Returns(g => [Tensor.Ones(3)]).Apply(a);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("Returns", e.Message);
        Assert.Contains("input 0", e.Message);
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[2]", e.Message);
    }

    [Fact]
    public void Validate_outputs_casts_a_gradient_to_the_inputs_dtype()
    {
        var a = Leaf(1, 2);
        var y = new Returns(g => [g.To(DType.Float32)]).Apply(a);
        y.Sum().Backward();
        Assert.Equal(DType.Float64, a.Grad!.DType);
        Assert.Equal(new[] { 1.0, 1 }, a.Grad.ToArray());
    }

    [Fact]
    public void Broadcast_gradients_of_binary_ops_are_summed_by_the_engine()
    {
        var bias = Leaf(1, 2);
        var x = Tensor.From([1.0, 2, 3, 4, 5, 6], 3, 2);
        x.RequiresGrad = true;
        ((x * bias) + bias - bias / Tensor.Scalar(2.0)).Sum().Backward();
        Assert.Equal(new[] { 9 + 0.5 * 3, 12 + 0.5 * 3 }, bias.Grad!.ToArray());
        Assert.Equal(new[] { 1.0, 2, 1, 2, 1, 2 }, x.Grad!.ToArray());
    }
}
