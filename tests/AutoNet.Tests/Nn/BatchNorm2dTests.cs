using AutoNet.Data;
using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>BatchNorm2d: the gradients (first and second order), equal to BatchNorm1d on [N, C, H·W], errors.</summary>
public class BatchNorm2dTests
{
    private static Tensor Input(int seed, params int[] shape) => new NumPyRandomState((uint)seed).Randn(shape) * 2 + 0.5;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradCheck_and_GradGradCheck_pass_for_input_weight_and_bias(bool training)
    {
        var bn = new BatchNorm2d(3, momentum: null);
        using (Autograd.NoGrad())
        {
            bn.Weight!.CopyFrom(Tensor.From([0.5, 1.5, -1.0]));
            bn.Bias!.CopyFrom(Tensor.From([0.1, -0.2, 0.3]));
            bn.RunningMean!.CopyFrom(Tensor.From([0.2, -0.1, 0.4]));
            bn.RunningVar!.CopyFrom(Tensor.From([1.5, 0.7, 2.0]));
        }
        bn.Train(training);
        var x = Input(1, 2, 3, 2, 2);
        x.RequiresGrad = true;
        Tensor F(Tensor[] t) => Run(bn, t[0], t[1], t[2]);
        var inputs = new[] { x, bn.Weight!, bn.Bias! };
        Assert.True(AutoNet.Autograd.GradCheck(F, inputs).Passed);
        Assert.True(AutoNet.Autograd.GradGradCheck(F, inputs).Passed);
        // And through the layer itself, with its own affine parameters.
        Assert.True(AutoNet.Autograd.GradCheck(t => bn.Forward(t[0]), [x]).Passed);
        Assert.True(AutoNet.Autograd.GradGradCheck(t => bn.Forward(t[0]), [x]).Passed);
    }

    /// <summary>The layer's forward with the weight and bias swapped for the given tensors (GradCheck perturbs copies).</summary>
    private static Tensor Run(BatchNorm2d bn, Tensor x, Tensor w, Tensor b)
    {
        using (Autograd.NoGrad())
        {
            bn.Weight!.CopyFrom(w);
            bn.Bias!.CopyFrom(b);
        }
        var plain = new BatchNorm2d(bn.NumFeatures, bn.Eps, bn.Momentum, affine: false, trackRunningStats: bn.RunningMean is not null);
        if (bn.RunningMean is not null)
            using (Autograd.NoGrad())
            {
                plain.RunningMean!.CopyFrom(bn.RunningMean);
                plain.RunningVar!.CopyFrom(bn.RunningVar!);
            }
        plain.Train(bn.Training);
        return plain.Forward(x) * w.Reshape(1, -1, 1, 1) + b.Reshape(1, -1, 1, 1);
    }

    [Fact]
    public void Equals_BatchNorm1d_on_the_flattened_image_bit_for_bit_with_the_same_running_statistics()
    {
        var two = new BatchNorm2d(3, eps: 1e-3, momentum: 0.3);
        var one = new BatchNorm1d(3, eps: 1e-3, momentum: 0.3);
        for (int step = 0; step < 3; step++)
        {
            var x = Input(step + 10, 4, 3, 2, 5);
            Assert.Equal(one.Forward(x.Reshape(4, 3, 10)).ToArray(), two.Forward(x).ToArray());
        }
        foreach (var ((name, a), (_, b)) in two.NamedBuffers().Zip(one.NamedBuffers())) Assert.Equal(b.ToArray(), a.ToArray());
        Assert.Equal(3.0, two.NumBatchesTracked!.Item());
        two.Eval();
        one.Eval();
        var y = Input(20, 2, 3, 2, 5);
        Assert.Equal(one.Forward(y.Reshape(2, 3, 10)).ToArray(), two.Forward(y).ToArray());
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], two.StateDict().Keys);
        Assert.Equal("BatchNorm2d(3, eps=0.001, momentum=0.3, affine=True, track_running_stats=True)", two.ToString());
    }

    [Fact]
    public void Refuses_inputs_that_are_not_N_C_H_W_and_a_single_value_per_channel_in_training()
    {
        var bn = new BatchNorm2d(3);
        var e = Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(2, 3, 4)));
        Assert.Contains("BatchNorm2d", e.Message);
        Assert.Contains("[N, 3, H, W]", e.Message);
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(2, 4, 2, 2)));
        var one = Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(1, 3, 1, 1)));
        Assert.Contains("[1, 3, 1, 1]", one.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2d(0));
    }
}
