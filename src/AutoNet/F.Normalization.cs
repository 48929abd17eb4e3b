using System.Globalization;
using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// Batch normalisation of <paramref name="input"/> [N, C, *] per channel c (dim 1), over every other dim:
    /// y = (x - mean) / √(var + ε) · weight + bias. In training mean and var are the batch's (var biased) and, when
    /// running statistics are given, they are updated in place: running = (1 - momentum) · running +
    /// momentum · batch statistic, with the unbiased variance (n/(n - 1) · var) for <paramref name="runningVar"/>.
    /// Not in training, the running statistics are used instead (then they are required). Written in tensor ops, so
    /// second-order gradients work; the running statistics take no gradient. The layers
    /// <see cref="Nn.BatchNorm1d"/> and <see cref="Nn.BatchNorm2d"/> call this.
    /// PyTorch: <c>F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)</c>.
    /// </summary>
    /// <param name="input">The input, [N, C, *] (rank 2 or more).</param>
    /// <param name="runningMean">The running mean [C], or null (training only).</param>
    /// <param name="runningVar">The running variance [C], or null (training only).</param>
    /// <param name="weight">The per-channel scale [C], or null.</param>
    /// <param name="bias">The per-channel shift [C], or null.</param>
    /// <param name="training">Use (and update) the batch statistics rather than the running ones.</param>
    /// <param name="momentum">The weight of this batch in the running statistics' update.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <exception cref="ArgumentException">The input has rank below 2; a running statistic, weight or bias is not
    /// [C]; only one running statistic is given, or none when not training; or, in training, a single value per channel.</exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (shape.Length < 2)
            throw new ArgumentException($"BatchNorm: expected input of shape [N, C, *] (rank 2 or more), got shape {ShapeUtil.Format(shape)}.");
        int c = shape[1];
        CheckChannelVector("BatchNorm", "runningMean", runningMean, c);
        CheckChannelVector("BatchNorm", "runningVar", runningVar, c);
        CheckChannelVector("BatchNorm", "weight", weight, c);
        CheckChannelVector("BatchNorm", "bias", bias, c);
        if ((runningMean is null) != (runningVar is null))
            throw new ArgumentException("BatchNorm: give both runningMean and runningVar, or neither.");
        if (!training && runningMean is null)
            throw new ArgumentException("BatchNorm: runningMean and runningVar are required when not training.");
        int n = c == 0 ? 0 : input.Count / c;
        // [N, C, rest]: the statistics are sums over dims 0 and 2, kept as [1, C, 1].
        var x = input.Reshape(shape[0], c, n / Math.Max(shape[0], 1));
        int[] channelShape = [1, c, 1];
        Tensor y;
        if (training)
        {
            if (n <= 1)
                throw new ArgumentException(
                    $"BatchNorm: expected more than 1 value per channel when training, got input of shape {ShapeUtil.Format(shape)}.");
            var mean = SumOverChannel(x) / n;
            var centred = x - mean;
            var sumSquares = SumOverChannel(centred * centred);
            y = centred * (1.0 / (sumSquares / n + eps).Sqrt());
            if (runningMean is not null)
            {
                using (Autograd.NoGrad())
                {
                    runningMean.CopyFrom(runningMean * (1 - momentum) + mean.Detach().Reshape(c) * momentum);
                    runningVar!.CopyFrom(runningVar * (1 - momentum) + (sumSquares.Detach() / (n - 1)).Reshape(c) * momentum);
                }
            }
        }
        else
        {
            y = (x - runningMean!.Reshape(channelShape)) * (1.0 / (runningVar!.Reshape(channelShape) + eps).Sqrt());
        }
        if (weight is not null) y *= weight.Reshape(channelShape);
        if (bias is not null) y += bias.Reshape(channelShape);
        return y.Reshape(shape);
    }

    /// <summary>
    /// Group normalisation: the C channels of <paramref name="input"/> [N, C, *] are split into
    /// <paramref name="numGroups"/> groups of C / G channels, and each sample's group is normalised over its
    /// channels and positions, y = (x - mean) / √(var + ε) (var biased), then scaled and shifted per channel. The
    /// layer <see cref="Nn.GroupNorm"/> calls this. PyTorch: <c>F.group_norm(input, num_groups, weight, bias, eps)</c>.
    /// </summary>
    /// <param name="input">The input, [N, C, *] (rank 2 or more).</param>
    /// <param name="numGroups">G, the number of groups; must divide C.</param>
    /// <param name="weight">The per-channel scale [C], or null.</param>
    /// <param name="bias">The per-channel shift [C], or null.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <exception cref="ArgumentException">The input has rank below 2, C is not a multiple of
    /// <paramref name="numGroups"/>, or the weight or bias is not [C].</exception>
    public static Tensor GroupNorm(Tensor input, int numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (shape.Length < 2)
            throw new ArgumentException($"GroupNorm: expected input of shape [N, C, *] (rank 2 or more), got shape {ShapeUtil.Format(shape)}.");
        int c = shape[1];
        if (numGroups < 1 || c % numGroups != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"GroupNorm: the {c} channels of input shape {ShapeUtil.Format(shape)} cannot be split into {numGroups} groups (expected a divisor of {c})."));
        CheckChannelVector("GroupNorm", "weight", weight, c);
        CheckChannelVector("GroupNorm", "bias", bias, c);
        int perGroup = c / numGroups;
        for (int d = 2; d < shape.Length; d++) perGroup *= shape[d];
        var grouped = input.Reshape(shape[0], numGroups, perGroup);
        var centred = grouped - grouped.Mean(2, keepDim: true);
        var variance = (centred * centred).Mean(2, keepDim: true);
        var y = (centred * (1.0 / (variance + eps).Sqrt())).Reshape(shape);
        if (weight is null && bias is null) return y;
        var channelShape = new int[shape.Length];
        Array.Fill(channelShape, 1);
        channelShape[1] = c;
        if (weight is not null) y *= weight.Reshape(channelShape);
        if (bias is not null) y += bias.Reshape(channelShape);
        return y;
    }

    /// <summary>Σ over dims 0 and 2 of [N, C, L], kept as [1, C, 1].</summary>
    private static Tensor SumOverChannel(Tensor x) => x.Sum(0, keepDim: true).Sum(2, keepDim: true);

    private static void CheckChannelVector(string op, string name, Tensor? t, int channels)
    {
        if (t is not null && (t.Rank != 1 || t.ShapeArray[0] != channels))
            throw new ArgumentException(
                $"{op}: {name} must have shape [{channels}] (one value per channel of the input), got shape {ShapeUtil.Format(t.ShapeArray)}.");
    }
}
