using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A 2-D convolution layer over [N, C, H, W] (or [C, H, W]) input: F.Conv2d
/// with <see cref="Weight"/> [out, in/groups, kH, kW] and <see cref="Bias"/> [out]. Both start uniform in
/// ±1/√fan_in with fan_in = in/groups · kH · kW (PyTorch's default: kaiming_uniform_ with a = √5 for the weight).
/// PyTorch: <c>torch.nn.Conv2d</c>.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer with a square kernel and equal stride, padding and dilation in both dims.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output.</param>
    /// <param name="kernelSize">Kernel height and width.</param>
    /// <param name="stride">Step between output positions.</param>
    /// <param name="padding">Zeros added on every side.</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups (dividing both channel counts).</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values (default <see cref="Init.Generator"/>).</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true, DType dtype = DType.Float64, NumPyRandomState? generator = null)
        : this(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), (dilation, dilation), groups, bias, dtype, generator)
    {
    }

    /// <summary>Creates the layer with (height, width) pairs.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output.</param>
    /// <param name="kernelSize">(kH, kW).</param>
    /// <param name="stride">(sH, sW).</param>
    /// <param name="padding">(pH, pW).</param>
    /// <param name="dilation">(dH, dW).</param>
    /// <param name="groups">Channel groups (dividing both channel counts).</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values (default <see cref="Init.Generator"/>).</param>
    public Conv2d(int inChannels, int outChannels, (int, int) kernelSize, (int, int) stride, (int, int) padding,
        (int, int) dilation, int groups = 1, bool bias = true, DType dtype = DType.Float64, NumPyRandomState? generator = null)
    {
        ConvLayer.Check("Conv2d", inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        (InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups) =
            (inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        (Weight, Bias) = ConvLayer.Parameters("Conv2d", [outChannels, inChannels / groups, kernelSize.Item1, kernelSize.Item2], bias, dtype, generator);
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>(kH, kW).</summary>
    public (int, int) KernelSize { get; }

    /// <summary>(sH, sW).</summary>
    public (int, int) Stride { get; }

    /// <summary>(pH, pW).</summary>
    public (int, int) Padding { get; }

    /// <summary>(dH, dW).</summary>
    public (int, int) Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>The weight, shape [out, in/groups, kH, kW].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, shape [out], or null when created with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    /// <inheritdoc/>
    protected override string ExtraRepr() => ConvLayer.Repr(InChannels, OutChannels,
        [KernelSize.Item1, KernelSize.Item2], [Stride.Item1, Stride.Item2], [Padding.Item1, Padding.Item2],
        [Dilation.Item1, Dilation.Item2], Groups, Bias is not null);
}
