using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// F.BatchNorm's side effect, which the op case table leaves out (its rows pass copies of the running statistics):
/// the running mean and variance it updates in place in training, step after step, against TorchSharp's
/// <c>batch_norm</c> on the same inputs. Its outputs and gradients are the table's rows <c>batch_norm</c>.
/// </summary>
public class FunctionalNormParityTests
{
    [Theory]
    [InlineData(DType.Float64, 0.1)]
    [InlineData(DType.Float64, 0.7)]
    [InlineData(DType.Float32, 0.1)]
    public void BatchNorm_updates_the_running_statistics_as_torch(DType dtype, double momentum)
    {
        var rng = new Data.NumPyRandomState(17);
        var mean = Tensor.Zeros([3], dtype);
        var variance = Tensor.Ones([3], dtype);
        using var scope = torch.NewDisposeScope();
        var torchMean = mean.ToTorch();
        var torchVariance = variance.ToTorch();
        var close = new Close(dtype == DType.Float64 ? ParityTolerance.Float64 : ParityTolerance.Float32, $"batch_norm running statistics {dtype.Name()} momentum {momentum}");

        for (int step = 0; step < 4; step++)
        {
            var x = (rng.Randn([5, 3, 2, 2]) * (step + 1) + step).To(dtype);
            var y = F.BatchNorm(x, mean, variance, training: true, momentum: momentum, eps: 1e-3);
            var torchY = torch.nn.functional.batch_norm(x.ToTorch(), torchMean, torchVariance, training: true, momentum: momentum, eps: 1e-3);

            close.Check($"output {step}", y, torchY);
            close.Check($"running mean {step}", mean, torchMean);
            close.Check($"running var {step}", variance, torchVariance);
        }
        var eval = rng.Randn([2, 3, 2, 2]).To(dtype);
        close.Check("eval output", F.BatchNorm(eval, mean, variance, eps: 1e-3),
            torch.nn.functional.batch_norm(eval.ToTorch(), torchMean, torchVariance, eps: 1e-3));

        Assert.True(close.Failures.Count == 0, close.ToString());
        Assert.NotEqual(0.0, mean.Abs().Sum().Item());   // the statistics moved
    }
}
