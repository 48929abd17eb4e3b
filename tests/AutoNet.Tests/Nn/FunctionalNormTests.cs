using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>F.BatchNorm and F.GroupNorm: the layers' results, the running statistics by definition, errors.
/// Their outputs and gradients against PyTorch are the op case table's rows <c>batch_norm</c> and <c>group_norm</c>.</summary>
public class FunctionalNormTests
{
    private static Tensor Input(uint seed, params int[] shape) => new AutoNet.Data.NumPyRandomState(seed).Randn(shape);

    [Fact]
    public void BatchNorm_in_training_updates_the_running_statistics_with_the_unbiased_variance()
    {
        var x = Input(1, 4, 2, 3);
        var mean = Tensor.From([0.5, -1.0], 2);
        var variance = Tensor.From([2.0, 0.5], 2);

        F.BatchNorm(x, mean, variance, training: true, momentum: 0.25);

        // the batch statistics per channel over N and L (12 values): dims 0 and 2
        var perChannel = x.Permute(1, 0, 2).Reshape(2, 12);
        AssertClose((Tensor.From([0.5, -1.0], 2) * 0.75 + perChannel.Mean(1) * 0.25).ToArray(), mean.ToArray());
        AssertClose((Tensor.From([2.0, 0.5], 2) * 0.75 + perChannel.Var(1) * 0.25).ToArray(), variance.ToArray());
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-14 * Math.Abs(expected[i]), $"element {i}: {actual[i]:R} != {expected[i]:R}");
    }

    [Fact]
    public void BatchNorm_gives_the_layers_outputs_in_training_and_evaluation()
    {
        var layer = new BatchNorm2d(3, momentum: 0.3);
        using (Autograd.NoGrad())
        {
            layer.Weight!.CopyFrom(Input(2, 3));
            layer.Bias!.CopyFrom(Input(3, 3));
        }
        var mean = Tensor.Zeros([3]);
        var variance = Tensor.Ones([3]);
        var x = Input(4, 2, 3, 2, 2);

        Assert.Equal(layer.Forward(x).ToArray(), F.BatchNorm(x, mean, variance, layer.Weight, layer.Bias, training: true, momentum: 0.3).ToArray());
        Assert.Equal(layer.RunningMean!.ToArray(), mean.ToArray());
        layer.Eval();
        Assert.Equal(layer.Forward(x).ToArray(), F.BatchNorm(x, mean, variance, layer.Weight, layer.Bias).ToArray());
    }

    [Fact]
    public void GroupNorm_gives_the_layers_output()
    {
        var layer = new GroupNorm(2, 4);
        using (Autograd.NoGrad()) layer.Weight!.CopyFrom(Input(5, 4));
        var x = Input(6, 3, 4, 5);
        Assert.Equal(layer.Forward(x).ToArray(), F.GroupNorm(x, 2, layer.Weight, layer.Bias).ToArray());
    }

    [Fact]
    public void Errors_name_the_problem()
    {
        var x = Input(7, 4, 3);
        var e = Assert.Throws<ArgumentException>(() => F.BatchNorm(x, null, null));
        Assert.Contains("BatchNorm: runningMean and runningVar are required when not training", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.BatchNorm(x, Tensor.Zeros([2]), Tensor.Ones([3])));
        Assert.Contains("BatchNorm: runningMean must have shape [3] (one value per channel of the input), got shape [2]", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.BatchNorm(x, Tensor.Zeros([3]), null, training: true));
        Assert.Contains("BatchNorm: give both runningMean and runningVar, or neither", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.BatchNorm(Input(8, 1, 3), null, null, training: true));
        Assert.Contains("BatchNorm: expected more than 1 value per channel when training, got input of shape [1, 3]", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.BatchNorm(Input(9, 3), null, null, training: true));
        Assert.Contains("BatchNorm: expected input of shape [N, C, *] (rank 2 or more), got shape [3]", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.GroupNorm(Input(10, 2, 6, 2), 4));
        Assert.Contains("GroupNorm: the 6 channels of input shape [2, 6, 2] cannot be split into 4 groups (expected a divisor of 6)", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.GroupNorm(Input(11, 2, 6), 3, Tensor.Ones([3])));
        Assert.Contains("GroupNorm: weight must have shape [6] (one value per channel of the input), got shape [3]", e.Message);
    }
}
