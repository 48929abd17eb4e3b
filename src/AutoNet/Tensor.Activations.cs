namespace AutoNet;

// The activation functions as tensor methods (their modules are in Nn/, their functional forms in F).
public partial class Tensor
{
    /// <summary>Elementwise max(x, 0). PyTorch: <c>relu</c>.</summary>
    public Tensor Relu() => Ops.Relu.Forward(this);

    /// <summary>Elementwise logistic function 1 / (1 + e^-x), finite for any input. PyTorch: <c>sigmoid</c>.</summary>
    public Tensor Sigmoid() => Ops.Sigmoid.Forward(this);

    /// <summary>Elementwise hyperbolic tangent. PyTorch: <c>tanh</c>.</summary>
    public Tensor Tanh() => Ops.Tanh.Forward(this);

    /// <summary>Softmax along <paramref name="dim"/> (negative counts from the end), computed stably. PyTorch: <c>softmax(dim)</c>.</summary>
    public Tensor Softmax(int dim) => Ops.Softmax.Forward(this, dim);

    /// <summary>Log of the softmax along <paramref name="dim"/>, computed stably. PyTorch: <c>log_softmax(dim)</c>.</summary>
    public Tensor LogSoftmax(int dim) => Ops.LogSoftmax.Forward(this, dim);

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
        // "none": one op (Ops/Gelu.cs) with the roundings of x * 0.5 * (1.0 + (x * M_SQRT1_2).Erf()), the
        // operations in the same order as PyTorch's GeluKernel, so values agree to rounding.
        "none" => Ops.Gelu.Forward(this),
        "tanh" => this * (2 * GeluConstants.Beta * (this + GeluConstants.Kappa * (this * this * this))).Sigmoid(),
        _ => throw new ArgumentException($"GELU: approximate must be \"none\" or \"tanh\", got \"{approximate}\".", nameof(approximate)),
    };

    private static class GeluConstants
    {
        /// <summary>√2 · (2/√π) · 0.5 = √(2/π), PyTorch's kBeta.</summary>
        public const double Beta = 1.41421356237309504880 * 1.12837916709551257390 * 0.5;

        /// <summary>PyTorch's kKappa.</summary>
        public const double Kappa = 0.044715;
    }
}
