using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// The maximum of each window of <paramref name="kernelSize"/> along the last dim of [N, C, L] or [C, L] input
    /// (padding counts as −∞). The gradient goes to the first maximum of each window. PyTorch:
    /// <c>F.max_pool1d(input, kernel_size, stride, padding)</c>.
    /// </summary>
    /// <param name="input">[N, C, L] or [C, L].</param>
    /// <param name="kernelSize">Window length (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1); default the kernel size.</param>
    /// <param name="padding">Implicit −∞ at both ends, at most half the kernel size.</param>
    /// <exception cref="ArgumentException">The input's rank is wrong or the window is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">kernelSize, stride or padding is out of range.</exception>
    public static Tensor MaxPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        Pool("MaxPool1d", 1, input, (1, kernelSize), (1, stride ?? kernelSize), (0, padding), max: true);

    /// <summary>
    /// The maximum of each kernelSize × kernelSize window of [N, C, H, W] or [C, H, W] input (padding counts as −∞).
    /// The gradient goes to the first maximum of each window in row-major order. PyTorch:
    /// <c>F.max_pool2d(input, kernel_size, stride, padding)</c>.
    /// </summary>
    /// <param name="input">[N, C, H, W] or [C, H, W].</param>
    /// <param name="kernelSize">Window size in both dims (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1); default the kernel size.</param>
    /// <param name="padding">Implicit −∞ on every side, at most half the kernel size.</param>
    /// <exception cref="ArgumentException">The input's rank is wrong or the window is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">kernelSize, stride or padding is out of range.</exception>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        Pool("MaxPool2d", 2, input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding), max: true);

    /// <summary>
    /// The mean of each window of <paramref name="kernelSize"/> along the last dim of [N, C, L] or [C, L] input; padding
    /// counts as zeros in the mean (the divisor is always the kernel size). PyTorch:
    /// <c>F.avg_pool1d(input, kernel_size, stride, padding)</c> (count_include_pad=True).
    /// </summary>
    /// <param name="input">[N, C, L] or [C, L].</param>
    /// <param name="kernelSize">Window length (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1); default the kernel size.</param>
    /// <param name="padding">Zeros at both ends, at most half the kernel size.</param>
    /// <exception cref="ArgumentException">The input's rank is wrong or the window is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">kernelSize, stride or padding is out of range.</exception>
    public static Tensor AvgPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        Pool("AvgPool1d", 1, input, (1, kernelSize), (1, stride ?? kernelSize), (0, padding), max: false);

    /// <summary>
    /// The mean of each kernelSize × kernelSize window of [N, C, H, W] or [C, H, W] input; padding counts as zeros in
    /// the mean (the divisor is always kernelSize²). PyTorch: <c>F.avg_pool2d(input, kernel_size, stride, padding)</c>
    /// (count_include_pad=True).
    /// </summary>
    /// <param name="input">[N, C, H, W] or [C, H, W].</param>
    /// <param name="kernelSize">Window size in both dims (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1); default the kernel size.</param>
    /// <param name="padding">Zeros on every side, at most half the kernel size.</param>
    /// <exception cref="ArgumentException">The input's rank is wrong or the window is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">kernelSize, stride or padding is out of range.</exception>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        Pool("AvgPool2d", 2, input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding), max: false);

    // Max: the index of each window's maximum (a kernel), then a differentiable gather by those indices.
    // Average: a convolution of every plane with a constant kernel of 1/(kH·kW), differentiable as convolution is.
    private static Tensor Pool(string op, int dims, Tensor input, (int, int) kernel, (int, int) stride, (int, int) padding, bool max)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConvChecks.AtLeast(op, "kernelSize", ConvChecks.AsGiven(kernel, dims), 1);
        ConvChecks.AtLeast(op, nameof(stride), ConvChecks.AsGiven(stride, dims), 1);
        ConvChecks.AtLeast(op, nameof(padding), ConvChecks.AsGiven(padding, dims), 0);
        ConvChecks.CheckPoolPadding(op, ConvChecks.AsGiven(kernel, dims), ConvChecks.AsGiven(padding, dims));
        var (x, batched) = ConvChecks.ToFourDims(op, input, dims, "C");
        var s = x.ShapeArray;
        var g = new ConvGeometry(s[0] * s[1], 1, s[2], s[3], 1, 1, kernel.Item1, kernel.Item2,
            stride.Item1, stride.Item2, padding.Item1, padding.Item2, 1, 1);
        ConvChecks.CheckOutput(op, g, input.ShapeArray, dims);
        var planes = x.Reshape(g.N, 1, g.H, g.W);
        Tensor y;
        if (max)
        {
            var index = new int[g.N * g.OH * g.OW];
            var flat = x.Contiguous();
            if (flat.DType == DType.Float32) Pooling.MaxIndices(flat.Span<float>(), index, g);
            else Pooling.MaxIndices(flat.Span<double>(), index, g);
            y = Ops.PlaneGather.Forward(x.Reshape(g.N, g.H * g.W), index, g.OH * g.OW);
        }
        else
        {
            var weight = Tensor.Full([1, 1, g.KH, g.KW], 1.0 / (g.KH * g.KW), x.DType);
            y = Ops.Convolution.Forward(planes, weight, g);
        }
        return ConvChecks.FromFourDims(y.Reshape(s[0], s[1], g.OH, g.OW), dims, batched);
    }
}
