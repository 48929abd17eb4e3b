using AutoNet.Data;

namespace AutoNet.Nn;

/// <summary>
/// A 1-D convolution layer over [N, C, L] (or [C, L]) input: <see cref="F.Conv1d"/> with <see cref="Weight"/>
/// [out, in/groups, k] and <see cref="Bias"/> [out]. Both start uniform in ±1/√fan_in with fan_in = in/groups · k
/// (PyTorch's default: kaiming_uniform_ with a = √5 for the weight). PyTorch: <c>torch.nn.Conv1d</c>.
/// </summary>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer and initialises it as PyTorch does.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output.</param>
    /// <param name="kernelSize">Kernel length.</param>
    /// <param name="stride">Step between output positions.</param>
    /// <param name="padding">Zeros added at both ends.</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups (dividing both channel counts).</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="dtype">Element type of the parameters.</param>
    /// <param name="generator">Random source for the initial values (default <see cref="Init.Generator"/>).</param>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true, DType dtype = DType.Float64, NumPyRandomState? generator = null)
    {
        ConvLayer.Check("Conv1d", inChannels, outChannels, (1, kernelSize), (1, stride), (0, padding), (1, dilation), groups);
        (InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups) =
            (inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        (Weight, Bias) = ConvLayer.Parameters("Conv1d", [outChannels, inChannels / groups, kernelSize], bias, dtype, generator);
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel length.</summary>
    public int KernelSize { get; }

    /// <summary>Step between output positions.</summary>
    public int Stride { get; }

    /// <summary>Zeros added at both ends.</summary>
    public int Padding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>The weight, shape [out, in/groups, k].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, shape [out], or null when created with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Conv1d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        ConvLayer.Repr(InChannels, OutChannels, [KernelSize], [Stride], [Padding], [Dilation], Groups, Bias is not null);
}
