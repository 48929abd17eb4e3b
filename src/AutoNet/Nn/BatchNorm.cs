using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// The batch normalisation layers (<see cref="BatchNorm1d"/>, <see cref="BatchNorm2d"/>): normalisation over every
/// dim but the channel dim (1), per channel c:
/// y = (x - mean) / √(var + ε) · weight + bias. In training, mean and var are the batch's (var biased), and the
/// running statistics are updated as PyTorch does: running = (1 - m) · running + m · batch statistic, with the
/// unbiased variance (n/(n - 1) · var) for <c>running_var</c> (m = momentum, or 1/num_batches_tracked with a
/// null momentum: a cumulative average). In evaluation the running statistics are used instead. The running
/// statistics are buffers (<see cref="Module.NamedBuffers"/>: <c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>), not parameters. Written in tensor ops, so second-order gradients work.
/// PyTorch: <c>torch.nn.modules.batchnorm._BatchNorm</c>.
/// </summary>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the layer: weight ones, bias zeros, running mean zeros, running var ones.</summary>
    /// <param name="numFeatures">C, the number of channels (dim 1 of the input).</param>
    /// <param name="eps">Added to the variance for stability (default 1e-5).</param>
    /// <param name="momentum">Weight of the newest batch in the running statistics (default 0.1); null for a cumulative average.</param>
    /// <param name="affine">Learn a per-channel weight and bias.</param>
    /// <param name="trackRunningStats">Keep running statistics for evaluation; without them the batch statistics are always used.</param>
    /// <param name="dtype">Element type of the parameters and running statistics.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numFeatures"/> is below 1 or <paramref name="eps"/> is negative.</exception>
    protected BatchNorm(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, DType dtype)
    {
        string name = GetType().Name;
        if (numFeatures < 1)
            throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"{name}: numFeatures must be >= 1, got {numFeatures}.");
        if (!(eps >= 0))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{name}: eps must be >= 0, got {eps}.");
        dtype.CheckedFloat(name);
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Weight = affine ? new Parameter(Tensor.Ones([numFeatures], dtype)) : null;
        Bias = affine ? new Parameter(Tensor.Zeros([numFeatures], dtype)) : null;
        if (!trackRunningStats) return;
        RunningMean = Tensor.Zeros([numFeatures], dtype);
        RunningVar = Tensor.Ones([numFeatures], dtype);
        NumBatchesTracked = Tensor.Scalar(0);
    }

    /// <summary>C, the number of channels.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>Weight of the newest batch in the running statistics; null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>The per-channel scale [C], or null without affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>The per-channel shift [C], or null without affine.</summary>
    public Parameter? Bias { get; }

    /// <summary>The running mean [C] (buffer <c>running_mean</c>), or null without running statistics.</summary>
    [field: Buffer("running_mean")] public Tensor? RunningMean { get; }

    /// <summary>The running unbiased variance [C] (buffer <c>running_var</c>), or null without running statistics.</summary>
    [field: Buffer("running_var")] public Tensor? RunningVar { get; }

    /// <summary>The number of training batches seen, a 0-d float64 tensor (buffer <c>num_batches_tracked</c>;
    /// int64 in PyTorch), or null without running statistics.</summary>
    [field: Buffer("num_batches_tracked")] public Tensor? NumBatchesTracked { get; }

    /// <summary>
    /// Normalises <paramref name="input"/> [N, C, *] (the subclass has checked its shape) with
    /// <see cref="F.BatchNorm"/>, as PyTorch's <c>_BatchNorm.forward</c> calls <c>F.batch_norm</c>: the batch
    /// statistics in training or without running statistics, the running ones otherwise; in training the running
    /// statistics are updated with momentum, or with 1/num_batches_tracked for a null momentum.
    /// </summary>
    /// <exception cref="ArgumentException">In training, a single value per channel.</exception>
    protected Tensor Normalize(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (Training && input.Count / NumFeatures <= 1)
            throw new ArgumentException(
                $"{GetType().Name}: expected more than 1 value per channel when training, got input of shape {ShapeUtil.Format(shape)}.");
        double factor = 0;
        if (Training && NumBatchesTracked is not null)
        {
            using (Autograd.NoGrad()) NumBatchesTracked.CopyFrom(NumBatchesTracked + 1.0);
            factor = Momentum ?? 1.0 / NumBatchesTracked.Item();
        }
        return F.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, training: Training || RunningMean is null, factor, Eps);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{NumFeatures}, eps={PyRepr.Float(Eps)}, momentum={PyRepr.Float(Momentum)}, affine={PyRepr.Bool(Weight is not null)}, " +
        $"track_running_stats={PyRepr.Bool(RunningMean is not null)}";
}
