using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// 1-D convolution (cross-correlation, as in PyTorch) of [N, C, L] or unbatched [C, L] input with weight
    /// [out, C/groups, k]: y[n, o, i] = b[o] + Σ_c,j w[o, c, j] · x[n, g(o)·C/groups + c, i·stride − padding + j·dilation]
    /// (zero outside the input). PyTorch: <c>F.conv1d(input, weight, bias, stride, padding, dilation, groups)</c>.
    /// Computed by im2col and the packed matrix product; differentiable to any order.
    /// </summary>
    /// <param name="input">[N, C, L] or [C, L].</param>
    /// <param name="weight">[out, C/groups, k].</param>
    /// <param name="bias">[out], or null.</param>
    /// <param name="stride">Step between output positions (≥ 1).</param>
    /// <param name="padding">Zeros added at both ends (≥ 0).</param>
    /// <param name="dilation">Spacing between kernel taps (≥ 1).</param>
    /// <param name="groups">Channel groups (≥ 1, dividing C and out).</param>
    /// <exception cref="ArgumentException">Shapes, channels or dtypes do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride, padding, dilation or groups is out of range.</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        ConvNd("Conv1d", 1, input, weight, bias, (1, stride), (0, padding), (1, dilation), groups);

    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch) of [N, C, H, W] or unbatched [C, H, W] input with weight
    /// [out, C/groups, kH, kW]. PyTorch: <c>F.conv2d(input, weight, bias, stride, padding, dilation, groups)</c>.
    /// Computed by im2col and the packed matrix product; differentiable to any order.
    /// </summary>
    /// <param name="input">[N, C, H, W] or [C, H, W].</param>
    /// <param name="weight">[out, C/groups, kH, kW].</param>
    /// <param name="bias">[out], or null.</param>
    /// <param name="stride">Step between output positions in both dims (≥ 1).</param>
    /// <param name="padding">Zeros added on every side (≥ 0).</param>
    /// <param name="dilation">Spacing between kernel taps (≥ 1).</param>
    /// <param name="groups">Channel groups (≥ 1, dividing C and out).</param>
    /// <exception cref="ArgumentException">Shapes, channels or dtypes do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride, padding, dilation or groups is out of range.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        ConvNd("Conv2d", 2, input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>
    /// 2-D convolution with (height, width) pairs for stride, padding and dilation. PyTorch:
    /// <c>F.conv2d(input, weight, bias, stride=(sH, sW), padding=(pH, pW), dilation=(dH, dW), groups)</c>.
    /// </summary>
    /// <param name="input">[N, C, H, W] or [C, H, W].</param>
    /// <param name="weight">[out, C/groups, kH, kW].</param>
    /// <param name="bias">[out], or null.</param>
    /// <param name="stride">(sH, sW), each ≥ 1.</param>
    /// <param name="padding">(pH, pW), each ≥ 0.</param>
    /// <param name="dilation">(dH, dW), each ≥ 1.</param>
    /// <param name="groups">Channel groups (≥ 1, dividing C and out).</param>
    /// <exception cref="ArgumentException">Shapes, channels or dtypes do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride, padding, dilation or groups is out of range.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding, (int, int) dilation, int groups = 1) =>
        ConvNd("Conv2d", 2, input, weight, bias, stride, padding, dilation, groups);

    private static Tensor ConvNd(string op, int dims, Tensor input, Tensor weight, Tensor? bias,
        (int, int) stride, (int, int) padding, (int, int) dilation, int groups)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        ConvChecks.AtLeast(op, nameof(stride), ConvChecks.AsGiven(stride, dims), 1);
        ConvChecks.AtLeast(op, nameof(padding), ConvChecks.AsGiven(padding, dims), 0);
        ConvChecks.AtLeast(op, nameof(dilation), ConvChecks.AsGiven(dilation, dims), 1);
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{op}: groups must be >= 1, got {groups}.");
        var ws = weight.ShapeArray;
        if (ws.Length != dims + 2)
            throw new ArgumentException(
                $"{op}: weight must be [out, in/groups, {(dims == 1 ? "k" : "kH, kW")}], got shape {ShapeUtil.Format(ws)}.");
        if (ws[0] % groups != 0)
            throw new ArgumentException($"{op}: the weight's {ws[0]} output channels are not divisible by groups = {groups}.");
        int channels = ws[1] * groups;
        var (x, batched) = ConvChecks.ToFourDims(op, input, dims, channels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (x.ShapeArray[1] != channels)
            throw new ArgumentException(
                $"{op}: expected input [N, {channels}, {(dims == 1 ? "L" : "H, W")}] or [{channels}, {(dims == 1 ? "L" : "H, W")}] with {channels} channels" +
                (groups > 1 ? $" (weight {ShapeUtil.Format(ws)} × groups {groups})" : "") + $", got {ShapeUtil.Format(input.ShapeArray)}.");
        if (weight.DType != input.DType || (bias is not null && bias.DType != input.DType))
            throw new ArgumentException(
                $"{op}: input, weight and bias must have one dtype, got {input.DType.Name()}, {weight.DType.Name()}" +
                (bias is null ? "" : $" and {bias.DType.Name()}") + ". Convert with .To(DType).");
        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != ws[0]))
            throw new ArgumentException($"{op}: bias must be [{ws[0]}] (one per output channel), got shape {ShapeUtil.Format(bias.ShapeArray)}.");
        var xs = x.ShapeArray;
        var g = new ConvGeometry(xs[0], xs[1], xs[2], xs[3], ws[0], groups,
            dims == 1 ? 1 : ws[2], ws[^1], stride.Item1, stride.Item2, padding.Item1, padding.Item2, dilation.Item1, dilation.Item2);
        ConvChecks.CheckOutput(op, g, input.ShapeArray, dims);
        if ((long)g.Rows * g.Cols > Array.MaxLength)
            throw new ArgumentException(
                $"{op}: input {ShapeUtil.Format(input.ShapeArray)} with weight {ShapeUtil.Format(ws)} needs a [{g.Rows}, {g.Cols}] im2col matrix ({ShapeUtil.FormatCount((long)g.Rows * g.Cols)} elements), more than an array holds; split the batch.");
        var w = dims == 1 ? weight.Reshape(ws[0], ws[1], 1, ws[2]) : weight;
        var y = Ops.Convolution.Forward(x, w, g);
        if (bias is not null) y = Ops.Add.ForwardOverFresh(y, bias.Reshape(ws[0], 1, 1)); // y + bias, in y's memory (no one else has y)
        return ConvChecks.FromFourDims(y, dims, batched);
    }
}
