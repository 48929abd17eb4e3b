namespace AutoNet.Nn;

/// <summary>
/// Gaussian error linear unit, elementwise: x · Φ(x) = x/2 · (1 + erf(x/√2)) with <c>approximate: "none"</c>
/// (default), or x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))) with <c>approximate: "tanh"</c>.
/// PyTorch: <c>torch.nn.GELU(approximate=...)</c>.
/// </summary>
public sealed class GELU : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="approximate">"none" (exact, default) or "tanh".</param>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
            throw new ArgumentException($"GELU: approximate must be \"none\" or \"tanh\", got \"{approximate}\".", nameof(approximate));
        Approximate = approximate;
    }

    /// <summary>"none" or "tanh".</summary>
    public string Approximate { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Gelu(input, Approximate);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}
