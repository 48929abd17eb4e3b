using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Ops;

public class GatherTests
{
    [Fact]
    public void Picks_one_value_per_row_and_sends_the_gradient_back_there()
    {
        var x = Tensor.From([1.0, 2, 3, 4, 5, 6], 2, 3);
        x.RequiresGrad = true;
        var y = AutoNet.Ops.Gather.Forward(x, [2, 0]);
        Assert.Equal(new[] { 3.0, 4 }, y.ToArray());
        (y * Tensor.From([10.0, 20])).Sum().Backward();
        Assert.Equal(new[] { 0.0, 0, 10, 20, 0, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void An_infinite_value_in_another_column_does_not_spoil_the_pick_or_its_gradient()
    {
        var x = Tensor.From([double.NegativeInfinity, 2, 3, double.NaN], 2, 2);
        x.RequiresGrad = true;
        var y = AutoNet.Ops.Gather.Forward(x, [1, 0]);
        Assert.Equal(new[] { 2.0, 3 }, y.ToArray());
        y.Sum().Backward();
        Assert.Equal(new[] { 0.0, 1, 1, 0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Gradient_matches_central_differences_to_second_order()
    {
        var x = Leaves.Normal(new NumPyRandomState(5), 4, 3);
        GradAssert.Passes(t => AutoNet.Ops.Gather.Forward(t[0], [0, 2, 1, 2]), x);
        GradAssert.SecondOrderPasses(t => AutoNet.Ops.Gather.Forward(t[0], [0, 2, 1, 2]), x);
    }
}
