namespace AutoNet.Nn;

/// <summary>
/// Average pooling over square windows of [N, C, H, W] or [C, H, W] input, padding counted as zeros (see <see cref="F.AvgPool2d"/>). PyTorch: <c>torch.nn.AvgPool2d</c>.
/// </summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer (it has no parameters).</summary>
    /// <param name="kernelSize">Window size (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1); default the kernel size.</param>
    /// <param name="padding">Padding on each side, at most half the kernel size.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0)
    {
        (KernelSize, Stride, Padding) = PoolLayer.Check("AvgPool2d", kernelSize, stride, padding);
    }

    /// <summary>Window size.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Padding on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.AvgPool2d(input, KernelSize, Stride, Padding);

    /// <inheritdoc/>
    protected override string ExtraRepr() => PoolLayer.ReprAvg2d(KernelSize, Stride, Padding);
}
