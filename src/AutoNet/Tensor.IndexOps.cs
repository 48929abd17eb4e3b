namespace AutoNet;

public partial class Tensor
{
    /// <summary>
    /// The slices of this tensor at <paramref name="index"/> (an Int64 tensor, 0-d or 1-D, values in [0, size))
    /// along <paramref name="dim"/>, which gets the index's length: <c>C.IndexSelect(0, X.Reshape(-1)).Reshape(N, 3, 10)</c>
    /// is the embedding lookup <c>C[X]</c>. A slice picked k times gets the sum of its k gradients. Copies.
    /// PyTorch: <c>index_select</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The index is not Int64 or has more than one dim.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range (the message names it and the dim's size).</exception>
    public Tensor IndexSelect(int dim, Tensor index) => Ops.IndexSelect.Forward(this, dim, index);

    /// <summary>
    /// out[p] = this[p with coordinate <paramref name="dim"/> replaced by index[p]], of the index's shape: the index
    /// (Int64) has this tensor's rank and, apart from dim, sizes no larger. An element read k times gets the sum of
    /// its k gradients. PyTorch: <c>gather</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The index is not Int64, or its rank or sizes do not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor Gather(int dim, Tensor index) => Ops.Gather.Forward(this, dim, index);

    /// <summary>
    /// A copy of this tensor with <paramref name="src"/>'s elements added at the gathered positions:
    /// out[p with coordinate dim replaced by index[p]] += src[p] for every position p of the index (repeated targets
    /// accumulate). src has this tensor's dtype and is at least the index's size in every dim. PyTorch: <c>scatter_add</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Dtypes differ, the index is not Int64, or shapes do not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src) => Ops.ScatterAdd.Forward(this, dim, index, src);

    /// <summary>
    /// A copy of this tensor with the slices of <paramref name="source"/> added at <paramref name="index"/> along
    /// <paramref name="dim"/> (repeated indices accumulate); source has this tensor's shape except that dim has the
    /// index's length, and this tensor's dtype. PyTorch: <c>index_add</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Dtypes differ, the index is not a 0-d or 1-D Int64 tensor, or source's shape does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source) => Ops.IndexAdd.Forward(this, dim, index, source);

    /// <summary>
    /// The coordinates of the nonzero (true) elements: an Int64 tensor [n, rank], row-major order. Not differentiable.
    /// PyTorch: <c>nonzero</c>.
    /// </summary>
    public Tensor Nonzero() => Ops.Nonzero.Forward(this);

    /// <summary>
    /// The elements where the Bool <paramref name="mask"/> is true, as a 1-D tensor (this tensor and the mask are
    /// broadcast together first); the gradient goes back to the selected elements. PyTorch: <c>masked_select</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The mask is not Bool, or the shapes do not broadcast.</exception>
    public Tensor MaskedSelect(Tensor mask) => Ops.MaskedSelect.Forward(this, mask);
}
