using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Batch normalisation over the batch (and length) dims of an input [N, C] or [N, C, L], per channel c:
/// y = (x - mean) / √(var + ε) · weight + bias. In training, mean and var are the batch's (var biased), and the
/// running statistics are updated as PyTorch does: running = (1 - m) · running + m · batch statistic, with the
/// unbiased variance (n/(n - 1) · var) for <c>running_var</c> (m = momentum, or 1/num_batches_tracked with a
/// null momentum: a cumulative average). In evaluation the running statistics are used instead. The running
/// statistics are buffers (<see cref="Module.NamedBuffers"/>: <c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>), not parameters. PyTorch: <c>torch.nn.BatchNorm1d</c>.
/// </summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer: weight ones, bias zeros, running mean zeros, running var ones.</summary>
    /// <param name="numFeatures">C, the number of channels (dim 1 of the input).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="momentum">Weight of the newest batch in the running statistics (default 0.1); null for a cumulative average.</param>
    /// <param name="affine">Learn a per-channel weight and bias.</param>
    /// <param name="trackRunningStats">Keep running statistics for evaluation; without them the batch statistics are always used.</param>
    /// <param name="dtype">Element type of the parameters and running statistics.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numFeatures"/> is below 1 or <paramref name="eps"/> is negative.</exception>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true,
        DType dtype = DType.Float64)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not [N, C] or [N, C, L] with C = NumFeatures, or, in
    /// training, holds a single value per channel.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (shape.Length is not (2 or 3) || shape[1] != NumFeatures)
            throw new ArgumentException(
                $"BatchNorm1d: expected input of shape [N, {NumFeatures}] or [N, {NumFeatures}, L], got shape {ShapeUtil.Format(shape)}.");
        return Normalize(input);
    }
}
