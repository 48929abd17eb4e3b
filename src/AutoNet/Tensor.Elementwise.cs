namespace AutoNet;

public partial class Tensor
{
    /// <summary>Elementwise sine (radians). PyTorch: <c>torch.sin</c>.</summary>
    public Tensor Sin() => Ops.Sin.Forward(this);

    /// <summary>Elementwise cosine (radians). PyTorch: <c>torch.cos</c>.</summary>
    public Tensor Cos() => Ops.Cos.Forward(this);

    /// <summary>Elementwise base-2 logarithm (-inf at 0, NaN below). PyTorch: <c>torch.log2</c>.</summary>
    public Tensor Log2() => Ops.Log2.Forward(this);

    /// <summary>Elementwise 2^x. PyTorch: <c>torch.exp2</c>.</summary>
    public Tensor Exp2() => Ops.Exp2.Forward(this);

    /// <summary>Elementwise 1/√x (+inf at 0, NaN below). PyTorch: <c>torch.rsqrt</c>.</summary>
    public Tensor Rsqrt() => Ops.Rsqrt.Forward(this);

    /// <summary>Elementwise sign: 1, -1, or 0 at 0 (and at NaN); its gradient is 0. PyTorch: <c>torch.sign</c>.</summary>
    public Tensor Sign() => Ops.Sign.Forward(this);

    /// <summary>Elementwise 1/x (±inf at ±0). PyTorch: <c>torch.reciprocal</c>.</summary>
    public Tensor Reciprocal() => Ops.Reciprocal.Forward(this);

    /// <summary>Elementwise x², as PyTorch defines it: x.Pow(2) (so values and gradients match to the bit).
    /// PyTorch: <c>torch.square</c>.</summary>
    public Tensor Square() => Ops.Pow.Forward(this, 2);

    /// <summary>
    /// Each element raised to the matching element of <paramref name="exponent"/>, broadcasting. Gradients follow
    /// PyTorch 1.13 at the edges: 0^0 gives 0 to both inputs, a negative base gives NaN to the exponent.
    /// PyTorch: <c>torch.pow(input, exponent)</c>, <c>input ** exponent</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public Tensor Pow(Tensor exponent) => Ops.PowTensor.Forward(this, exponent);

    /// <summary>
    /// A number raised to each element of <paramref name="exponent"/> (the result has the exponent's dtype).
    /// PyTorch: <c>torch.pow(self, exponent)</c> with a number self, <c>2.0 ** t</c>.
    /// </summary>
    public static Tensor Pow(double self, Tensor exponent) => Ops.PowTensor.Forward(ScalarLike(self, exponent), exponent);
}
