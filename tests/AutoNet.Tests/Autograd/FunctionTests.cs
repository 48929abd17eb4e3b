using Xunit;

namespace AutoNet.Tests.AutogradEngine;

// Note: outside AutoNet, Backward is overridden as "protected override"; this test assembly sees AutoNet's
// internals (InternalsVisibleTo), so C# requires "protected internal override" here.
public class FunctionTests
{
    /// <summary>y = x³ with a hand-written backward: dy/dx = 3x².</summary>
    private sealed class Cube : AutoNet.Autograd.Function
    {
        private SavedTensor _x = null!;

        protected override Tensor Forward(Tensor[] inputs)
        {
            _x = Save(inputs[0]);
            return inputs[0] * inputs[0] * inputs[0];
        }

        protected internal override Tensor?[] Backward(Tensor grad) => [grad * 3.0 * _x.Value * _x.Value];
    }

    /// <summary>A straight-through estimator: forward rounds, backward passes the gradient unchanged.</summary>
    private sealed class RoundStraightThrough : AutoNet.Autograd.Function
    {
        protected override Tensor Forward(Tensor[] inputs) =>
            Tensor.From(inputs[0].ToArray().Select(v => Math.Round(v)).ToArray(), [.. inputs[0].Shape]);

        protected internal override Tensor?[] Backward(Tensor grad) => [grad];
    }

    [Fact]
    public void A_user_op_records_its_node_and_its_backward_gives_the_gradient()
    {
        var x = Tensor.From([1.0, -2, 0.5]);
        x.RequiresGrad = true;
        var y = new Cube().Apply(x);
        Assert.Equal("Cube", y.GradFn!.Name);
        Assert.Equal(new[] { 1.0, -8, 0.125 }, y.ToArray());
        y.Sum().Backward();
        Assert.Equal(new[] { 3.0, 12, 0.75 }, x.Grad!.ToArray());
    }

    [Fact]
    public void A_user_ops_backward_written_in_tensor_ops_supports_second_order()
    {
        var x = Tensor.From([2.0]);
        x.RequiresGrad = true;
        var dy = AutoNet.Autograd.Grad([new Cube().Apply(x).Sum()], [x], createGraph: true)[0]!;
        var d2y = AutoNet.Autograd.Grad([dy.Sum()], [x])[0]!;
        Assert.Equal(12.0, dy.Item());
        Assert.Equal(12.0, d2y.Item()); // d²/dx² x³ = 6x
    }

    [Fact]
    public void Straight_through_estimator()
    {
        var x = Tensor.From([0.4, 1.6]);
        x.RequiresGrad = true;
        var y = new RoundStraightThrough().Apply(x);
        Assert.Equal(new[] { 0.0, 2 }, y.ToArray());
        (y * Tensor.From([3.0, 5])).Sum().Backward();
        Assert.Equal(new[] { 3.0, 5 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Nothing_is_recorded_without_grad_and_an_instance_cannot_be_reused()
    {
        var op = new Cube();
        Assert.Null(op.Apply(Tensor.From([2.0])).GradFn);
        var e = Assert.Throws<InvalidOperationException>(() => op.Apply(Tensor.From([2.0])));
        Assert.Contains("new instance", e.Message);
    }
}
