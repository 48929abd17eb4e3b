using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Batch normalisation of an image batch [N, C, H, W] over N, H and W, per channel c:
/// y = (x - mean) / √(var + ε) · weight + bias, with <see cref="BatchNorm1d"/>'s rules (batch statistics with the
/// biased variance in training, running statistics with the unbiased one updated by momentum or, with a null
/// momentum, as a cumulative average; the running statistics in evaluation). Buffers <c>running_mean</c>,
/// <c>running_var</c>, <c>num_batches_tracked</c> as PyTorch's, so its state dicts load by key.
/// PyTorch: <c>torch.nn.BatchNorm2d</c>.
/// </summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer: weight ones, bias zeros, running mean zeros, running var ones.</summary>
    /// <param name="numFeatures">C, the number of channels (dim 1 of the input).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="momentum">Weight of the newest batch in the running statistics (default 0.1); null for a cumulative average.</param>
    /// <param name="affine">Learn a per-channel weight and bias.</param>
    /// <param name="trackRunningStats">Keep running statistics for evaluation; without them the batch statistics are always used.</param>
    /// <param name="dtype">Element type of the parameters and running statistics.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numFeatures"/> is below 1 or <paramref name="eps"/> is negative.</exception>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true,
        DType dtype = DType.Float64)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not [N, C, H, W] with C = NumFeatures, or, in training,
    /// holds a single value per channel.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (shape.Length != 4 || shape[1] != NumFeatures)
            throw new ArgumentException(
                $"BatchNorm2d: expected input of shape [N, {NumFeatures}, H, W], got shape {ShapeUtil.Format(shape)}.");
        return Normalize(input);
    }
}
