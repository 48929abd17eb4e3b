using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>
/// Tensor.Backward sums the gradients meeting at a node in place when only the engine holds the sum, and a slice adds
/// its gradient straight into its place (PendingGrads). Autograd.Grad keeps the out-of-place sums, so it is the
/// reference here: the same graph, the same gradients, bit for bit. And whatever the engine does not own (the
/// caller's seed, a gradient an op passes through) must come out unchanged.
/// </summary>
public class PendingGradsTests
{
    public static TheoryData<DType> DTypes => new() { DType.Float32, DType.Float64 };

    [Theory, MemberData(nameof(DTypes))]
    public void Split_pieces_and_the_whole_give_the_sums_of_zero_padded_gradients(DType dtype)
    {
        // The three pieces of a Split along each dim, and the whole used as well, in every arrival order.
        for (int dim = 0; dim < 3; dim++)
            foreach (bool wholeFirst in new[] { true, false })
            {
                var x = Normal(40 + dim, Shape("6x6x6"), 1.0, requiresGrad: false).To(dtype);
                x.RequiresGrad = true;
                Tensor Loss()
                {
                    var h = x * 1.5;
                    var parts = h.Split(2, dim);
                    var pieces = (parts[0] * Normal(1, parts[0].ShapeArray, 1.0, false).To(dtype)).Sum()
                        + (parts[1].Exp()).Sum() + (parts[2] * parts[2]).Sum();
                    var whole = (h * Normal(2, h.ShapeArray, 1.0, false).To(dtype)).Sum();
                    return wholeFirst ? whole + pieces : pieces + whole;
                }
                var reference = Autograd.Grad([Loss()], [x])[0]!.ToArray();
                x.Grad = null;
                Loss().Backward();
                Assert.Equal(reference, x.Grad!.ToArray());
            }
    }

    [Fact]
    public void A_residual_fan_out_gives_the_out_of_place_sums()
    {
        var x = Normal(50, "8x5");
        var w = Normal(51, "5x5");
        Tensor Loss()
        {
            var h = x.Tanh();
            var y = h + h.MatMul(w).Relu() + h.Narrow(1, 1, 3).Sum(1, keepDim: true) * h;   // h reaches the loss four ways
            return (y * y).Sum();
        }
        var reference = Autograd.Grad([Loss()], [x, w]);
        Loss().Backward();
        Assert.Equal(reference[0]!.ToArray(), x.Grad!.ToArray());
        Assert.Equal(reference[1]!.ToArray(), w.Grad!.ToArray());
    }

    [Fact]
    public void The_seed_and_gradients_passed_through_are_never_written()
    {
        // h + h: Add sends the caller's seed itself to h twice; the sum must be a new tensor.
        var x0 = Normal(54, "3");
        var h0 = x0 * 2.0;
        var seed0 = Tensor.From([1.0, -2.0, 3.0]);
        (h0 + h0).Backward(seed0);
        Assert.Equal([1.0, -2.0, 3.0], seed0.ToArray());
        Assert.Equal([4.0, -8.0, 12.0], x0.Grad!.ToArray());

        var x = Normal(52, "4");
        var h = x * 2.0;
        var z = h + h.Narrow(0, 0, 4) + h + h.Narrow(0, 1, 2).Sum();   // Add passes the seed itself to h, twice
        var seed = Tensor.From([1.0, -2.0, 3.0, 0.5]);
        z.Backward(seed);
        Assert.Equal([1.0, -2.0, 3.0, 0.5], seed.ToArray());
        double[] expected = [2 * (3 * 1.0), 2 * (3 * -2.0 + 2.5), 2 * (3 * 3.0 + 2.5), 2 * (3 * 0.5)];
        Assert.Equal(expected, x.Grad!.ToArray());
    }

    [Fact]
    public void A_hook_on_the_summed_tensor_sees_the_whole_sum_once()
    {
        var x = Normal(53, "2x6");
        var h = x * 3.0;
        var seen = new List<double[]>();
        h.RegisterHook(g => { seen.Add(g.ToArray()); return null; });
        var parts = h.Split(2, 1);
        (parts[0].Sum() + (parts[1] * 2.0).Sum() + (parts[2] * 3.0).Sum()).Backward();
        Assert.Single(seen);
        Assert.Equal([1.0, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3], seen[0]);
    }
}
