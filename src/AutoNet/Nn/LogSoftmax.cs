namespace AutoNet.Nn;

/// <summary>
/// Log of the softmax along <see cref="Dim"/>: yᵢ = xᵢ - log Σⱼ e^(xⱼ), computed stably (finite for logits of ±1000).
/// PyTorch: <c>torch.nn.LogSoftmax(dim)</c>.
/// </summary>
/// <param name="dim">The dim to normalise over (negative counts from the end).</param>
public sealed class LogSoftmax(int dim) : Module
{
    /// <summary>The dim the values are normalised over.</summary>
    public int Dim { get; } = dim;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LogSoftmax(Dim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
