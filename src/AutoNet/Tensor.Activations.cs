namespace AutoNet;

public partial class Tensor
{
    /// <summary>Elementwise error function erf(x) = 2/√π ∫₀ˣ e^(-t²) dt. PyTorch: <c>erf</c>.</summary>
    public Tensor Erf() => Ops.Erf.Forward(this);

    /// <summary>Elementwise ln(1 + x), accurate for x near 0. PyTorch: <c>log1p</c>.</summary>
    public Tensor Log1p() => Ops.Log1p.Forward(this);

    /// <summary>Elementwise log(1 + eˣ), computed stably (finite for any finite x). PyTorch: <c>softplus</c>.</summary>
    public Tensor Softplus() => Ops.Softplus.Forward(this);

    /// <summary>Elementwise x where x &gt; 0, else <paramref name="negativeSlope"/> · x. PyTorch: <c>F.leaky_relu</c>.</summary>
    public Tensor LeakyRelu(double negativeSlope = 0.01) => Ops.LeakyRelu.Forward(this, negativeSlope);

    /// <summary>
    /// Elementwise Gaussian error linear unit: x · Φ(x) = x/2 · (1 + erf(x/√2)) (<paramref name="approximate"/> =
    /// "none", computed as PyTorch does), or x/2 · (1 + tanh(u)) with u = √(2/π) · (x + 0.044715 x³) ("tanh"),
    /// computed as the equal x · σ(2u), which avoids the cancellation in 1 + tanh(u) for very negative x (at
    /// x = -6 PyTorch's form keeps only 5 or 6 correct digits). PyTorch: <c>F.gelu(x, approximate)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public Tensor Gelu(string approximate = "none") => approximate switch
    {
        // "none": the same operations in the same order as PyTorch's GeluKernel, so values agree to rounding.
        "none" => this * 0.5 * (1.0 + (this * GeluConstants.Sqrt1Over2).Erf()),
        "tanh" => this * (2 * GeluConstants.Beta * (this + GeluConstants.Kappa * (this * this * this))).Sigmoid(),
        _ => throw new ArgumentException($"GELU: approximate must be \"none\" or \"tanh\", got \"{approximate}\".", nameof(approximate)),
    };

    private static class GeluConstants
    {
        /// <summary>1/√2 (M_SQRT1_2).</summary>
        public const double Sqrt1Over2 = 0.70710678118654752440;

        /// <summary>√2 · (2/√π) · 0.5 = √(2/π), PyTorch's kBeta.</summary>
        public const double Beta = 1.41421356237309504880 * 1.12837916709551257390 * 0.5;

        /// <summary>PyTorch's kKappa.</summary>
        public const double Kappa = 0.044715;
    }
}
