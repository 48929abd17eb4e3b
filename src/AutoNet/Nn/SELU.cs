namespace AutoNet.Nn;

/// <summary>
/// Applies the scaled exponential linear unit elementwise: λ · x where x &gt; 0, else λ · α · (eˣ - 1), with PyTorch's
/// fixed α ≈ 1.6733 and λ ≈ 1.0507. PyTorch: <c>torch.nn.SELU</c>.
/// </summary>
public sealed class SELU : Module
{
    /// <summary>α = 1.6732632423543772..., PyTorch's <c>SELU_ALPHA</c> (Klambauer et al. 2017).</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>The scale λ = 1.0507009873554804..., PyTorch's <c>SELU_SCALE</c>.</summary>
    public const double Scale = 1.0507009873554804934193349852946;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Selu(input);
}
