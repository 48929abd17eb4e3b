using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>
    /// Matrix product as <c>torch.matmul</c>: [m, k]·[k, n] → [m, n]; [k]·[k, n] → [n]; [m, k]·[k] → [m];
    /// [k]·[k] → a 0-d scalar (dot product); operands with more dims are batches of matrices (the last two dims)
    /// whose leading dims broadcast: [B, m, k]·[k, n] → [B, m, n], [B, 1, m, k]·[H, k, n] → [B, H, m, n]; a 1-D
    /// side of a batched product is a vector whose dim is removed from the result. PyTorch: <c>torch.matmul</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Inner dimensions differ, an operand is 0-d, the batch dims do not
    /// broadcast, or dtypes differ.</exception>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Ops.MatMul.Apply(this, other);
    }

    /// <summary>Each element raised to a constant power. PyTorch: <c>pow</c>.</summary>
    public Tensor Pow(double exponent) => Ops.Pow.Forward(this, exponent);

    /// <summary>Elementwise e^x. PyTorch: <c>exp</c>.</summary>
    public Tensor Exp() => Ops.Exp.Forward(this);

    /// <summary>Elementwise natural logarithm. PyTorch: <c>log</c>.</summary>
    public Tensor Log() => Ops.Log.Forward(this);

    /// <summary>Elementwise square root. PyTorch: <c>sqrt</c>.</summary>
    public Tensor Sqrt() => Ops.Sqrt.Forward(this);

    /// <summary>Elementwise absolute value. PyTorch: <c>abs</c>.</summary>
    public Tensor Abs() => Ops.Abs.Forward(this);

    /// <summary>Limits every element to [min, max]; pass infinity for a one-sided clamp. PyTorch: <c>clamp</c>.</summary>
    public Tensor Clamp(double min, double max) => Ops.Clamp.Forward(this, min, max);

    /// <summary>Elementwise error function erf(x) = 2/√π ∫₀ˣ e^(-t²) dt. PyTorch: <c>erf</c>.</summary>
    public Tensor Erf() => Ops.Erf.Forward(this);

    /// <summary>Elementwise ln(1 + x), accurate for x near 0. PyTorch: <c>log1p</c>.</summary>
    public Tensor Log1p() => Ops.Log1p.Forward(this);


    /// <summary>Sum of all elements, as a 0-d tensor. PyTorch: <c>sum()</c>.</summary>
    public Tensor Sum() => Ops.Sum.Forward(this, null, false);

    /// <summary>Sum along <paramref name="dim"/>, which is removed unless <paramref name="keepDim"/>. PyTorch: <c>sum(dim, keepdim)</c>.</summary>
    public Tensor Sum(int dim, bool keepDim = false) => Ops.Sum.Forward(this, dim, keepDim);

    /// <summary>Mean of all elements, as a 0-d tensor (the sum divided by the count). PyTorch: <c>mean()</c>.</summary>
    public Tensor Mean() => Sum() / Count;

    /// <summary>Mean along <paramref name="dim"/>. PyTorch: <c>mean(dim, keepdim)</c>.</summary>
    public Tensor Mean(int dim, bool keepDim = false)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Mean");
        return Sum(dim, keepDim) / (Rank == 0 ? 1 : ShapeArray[d]);
    }

    /// <summary>Maximum values along <paramref name="dim"/> (the gradient goes to the first maximum).
    /// PyTorch: <c>max(dim, keepdim).values</c>.</summary>
    public Tensor Max(int dim, bool keepDim = false) => Ops.Max.Forward(this, dim, keepDim);

    /// <summary>This tensor converted to <paramref name="dtype"/> (itself if already of that dtype); differentiable. PyTorch: <c>to(dtype)</c>.</summary>
    public Tensor To(DType dtype) => Ops.Cast.Forward(this, dtype);
}
