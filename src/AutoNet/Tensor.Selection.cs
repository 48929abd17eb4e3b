using AutoNet.Internal;
using AutoNet.Ops;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>Elementwise <c>this == other</c> with broadcasting, as a Bool tensor (dtypes promoted as PyTorch; NaN
    /// equals nothing). PyTorch: <c>eq</c>, <c>==</c>.</summary>
    public Tensor Eq(Tensor other) => Compare.Forward(this, other, Comparison.Eq);

    /// <summary>Elementwise <c>this == other</c> against a number, as a Bool tensor. PyTorch: <c>eq(number)</c>.</summary>
    public Tensor Eq(double other) => Compare.Forward(this, NumberFor(other), Comparison.Eq);

    /// <summary>Elementwise <c>this != other</c> with broadcasting, as a Bool tensor (NaN differs from everything).
    /// PyTorch: <c>ne</c>, <c>!=</c>.</summary>
    public Tensor Ne(Tensor other) => Compare.Forward(this, other, Comparison.Ne);

    /// <summary>Elementwise <c>this != other</c> against a number, as a Bool tensor. PyTorch: <c>ne(number)</c>.</summary>
    public Tensor Ne(double other) => Compare.Forward(this, NumberFor(other), Comparison.Ne);

    /// <summary>Elementwise <c>this &lt; other</c> with broadcasting, as a Bool tensor. PyTorch: <c>lt</c>, <c>&lt;</c>.</summary>
    public Tensor Lt(Tensor other) => Compare.Forward(this, other, Comparison.Lt);

    /// <summary>Elementwise <c>this &lt; other</c> against a number, as a Bool tensor. PyTorch: <c>lt(number)</c>.</summary>
    public Tensor Lt(double other) => Compare.Forward(this, NumberFor(other), Comparison.Lt);

    /// <summary>Elementwise <c>this &lt;= other</c> with broadcasting, as a Bool tensor. PyTorch: <c>le</c>, <c>&lt;=</c>.</summary>
    public Tensor Le(Tensor other) => Compare.Forward(this, other, Comparison.Le);

    /// <summary>Elementwise <c>this &lt;= other</c> against a number, as a Bool tensor. PyTorch: <c>le(number)</c>.</summary>
    public Tensor Le(double other) => Compare.Forward(this, NumberFor(other), Comparison.Le);

    /// <summary>Elementwise <c>this &gt; other</c> with broadcasting, as a Bool tensor. PyTorch: <c>gt</c>, <c>&gt;</c>.</summary>
    public Tensor Gt(Tensor other) => Compare.Forward(this, other, Comparison.Gt);

    /// <summary>Elementwise <c>this &gt; other</c> against a number, as a Bool tensor. PyTorch: <c>gt(number)</c>.</summary>
    public Tensor Gt(double other) => Compare.Forward(this, NumberFor(other), Comparison.Gt);

    /// <summary>Elementwise <c>this &gt;= other</c> with broadcasting, as a Bool tensor. PyTorch: <c>ge</c>, <c>&gt;=</c>.</summary>
    public Tensor Ge(Tensor other) => Compare.Forward(this, other, Comparison.Ge);

    /// <summary>Elementwise <c>this &gt;= other</c> against a number, as a Bool tensor. PyTorch: <c>ge(number)</c>.</summary>
    public Tensor Ge(double other) => Compare.Forward(this, NumberFor(other), Comparison.Ge);

    /// <summary>
    /// <paramref name="a"/> where <paramref name="condition"/> (a Bool tensor) is true, else <paramref name="b"/>; the
    /// three broadcast together and a, b are promoted to a common dtype. Gradients flow to a and b (each where it
    /// was chosen). PyTorch: <c>torch.where(condition, a, b)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The condition is not Bool, or the shapes do not broadcast.</exception>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => Ops.Where.Forward(condition, a, b);

    /// <summary>
    /// This tensor with <paramref name="value"/> wherever <paramref name="mask"/> (a Bool tensor that broadcasts to
    /// this shape) is true; the gradient flows to the elements kept. The value takes this tensor's dtype.
    /// PyTorch: <c>masked_fill(mask, value)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The mask is not Bool, or does not broadcast to this tensor's shape.</exception>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (!ShapeUtil.BroadcastsTo(mask.ShapeArray, ShapeArray))
            throw new ArgumentException(
                $"MaskedFill: a mask of shape {ShapeUtil.Format(mask.ShapeArray)} does not broadcast to the tensor's shape {ShapeUtil.Format(ShapeArray)}.");
        return Ops.Where.Forward(mask, Full([], value, DType), this, "MaskedFill");
    }

    /// <summary>The largest element, as a 0-d tensor; at ties the gradient is split evenly among the maxima
    /// (PyTorch 1.13). NaN if any element is NaN. PyTorch: <c>max()</c>.</summary>
    /// <exception cref="ArgumentException">The tensor is empty.</exception>
    public Tensor Max() => Ops.Amax.Forward(this, null, false, min: false, "Max");

    /// <summary>The smallest element, as a 0-d tensor; ties split the gradient evenly. PyTorch: <c>min()</c>.</summary>
    /// <exception cref="ArgumentException">The tensor is empty.</exception>
    public Tensor Min() => Ops.Amax.Forward(this, null, false, min: true, "Min");

    /// <summary>Minimum values along <paramref name="dim"/> (the gradient goes to the first minimum).
    /// PyTorch: <c>min(dim, keepdim).values</c>.</summary>
    public Tensor Min(int dim, bool keepDim = false) => Ops.Max.Forward(this, dim, keepDim, min: true);

    /// <summary>Maximum values along <paramref name="dim"/> and the Int64 index of the first maximum of each (the
    /// values' gradient goes to that element). PyTorch: <c>max(dim, keepdim)</c> (values, indices).</summary>
    public (Tensor Values, Tensor Indices) MaxWithIndices(int dim, bool keepDim = false) => Ops.Max.WithIndices(this, dim, keepDim);

    /// <summary>Minimum values along <paramref name="dim"/> and the Int64 index of the first minimum of each.
    /// PyTorch: <c>min(dim, keepdim)</c> (values, indices).</summary>
    public (Tensor Values, Tensor Indices) MinWithIndices(int dim, bool keepDim = false) => Ops.Max.WithIndices(this, dim, keepDim, min: true);

    /// <summary>The Int64 index of the first maximum along <paramref name="dim"/>. PyTorch: <c>argmax(dim, keepdim)</c>.</summary>
    public Tensor ArgMax(int dim, bool keepDim = false) => Ops.ArgMax.Forward(this, dim, keepDim, min: false);

    /// <summary>The Int64 index of the first maximum of the flattened tensor, as a 0-d tensor. PyTorch: <c>argmax()</c>.</summary>
    public Tensor ArgMax() => Ops.ArgMax.Forward(this, null, false, min: false);

    /// <summary>The Int64 index of the first minimum along <paramref name="dim"/>. PyTorch: <c>argmin(dim, keepdim)</c>.</summary>
    public Tensor ArgMin(int dim, bool keepDim = false) => Ops.ArgMax.Forward(this, dim, keepDim, min: true);

    /// <summary>The Int64 index of the first minimum of the flattened tensor, as a 0-d tensor. PyTorch: <c>argmin()</c>.</summary>
    public Tensor ArgMin() => Ops.ArgMax.Forward(this, null, false, min: true);

    /// <summary>The maximum over <paramref name="dims"/> (each removed unless <paramref name="keepDim"/>); ties split
    /// the gradient evenly (PyTorch 1.13). PyTorch: <c>amax(dim, keepdim)</c>.</summary>
    public Tensor Amax(int[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Ops.Amax.Forward(this, dims, keepDim, min: false, "Amax");
    }

    /// <summary>The minimum over <paramref name="dims"/>; ties split the gradient evenly. PyTorch: <c>amin(dim, keepdim)</c>.</summary>
    public Tensor Amin(int[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Ops.Amax.Forward(this, dims, keepDim, min: true, "Amin");
    }

    /// <summary>Elementwise maximum of two tensors with broadcasting (NaN if either is; at a tie each gets half the
    /// gradient, as PyTorch 1.13). PyTorch: <c>torch.maximum(a, b)</c>.</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => Ops.Maximum.Forward(a, b, min: false);

    /// <summary>Elementwise minimum of two tensors with broadcasting (ties split the gradient).
    /// PyTorch: <c>torch.minimum(a, b)</c>.</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => Ops.Maximum.Forward(a, b, min: true);

    /// <summary>A number as PyTorch compares a tensor with it: an integral value against an Int64 or Bool tensor is an
    /// Int64 (exact beyond 2^53), anything else as <see cref="ScalarLike(double, Tensor)"/>.</summary>
    private Tensor NumberFor(double value) =>
        DType is DType.Int64 or DType.Bool && value == Math.Floor(value) && Math.Abs(value) < 9.2e18
            ? ScalarLike((long)value, this)
            : ScalarLike(value, this);
}
