namespace AutoNet.Nn;

/// <summary>
/// Softmax along <see cref="Dim"/>: yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ), computed stably (the maximum is subtracted first).
/// PyTorch: <c>torch.nn.Softmax(dim)</c>.
/// </summary>
/// <param name="dim">The dim to normalise over (negative counts from the end).</param>
public sealed class Softmax(int dim) : Module
{
    /// <summary>The dim the values are normalised over.</summary>
    public int Dim { get; } = dim;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softmax(Dim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
