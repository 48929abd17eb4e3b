using System.Numerics;
using System.Runtime.CompilerServices;
using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// An n-dimensional array of float64 (default) or float32 values that records the operations applied to it so that
/// <see cref="Backward"/> can compute gradients. Its elements live in a storage it may share with other tensors
/// (views): element (i0, i1, ...) is at <c>offset + Σ i_d · stride_d</c> of the storage, as in PyTorch.
/// PyTorch: <c>torch.Tensor</c>.
/// </summary>
/// <remarks>
/// The type is split across small partial files: this one holds storage, shape and layout; <c>Tensor.Factories.cs</c>
/// creates tensors; <c>Tensor.Math.cs</c>, <c>Tensor.Activations.cs</c> and <c>Tensor.Operators.cs</c> expose the
/// ops in <c>Ops/</c>; <c>Tensor.Views.cs</c> and <c>Tensor.Indexing.cs</c> the views;
/// <c>Tensor.Autograd.cs</c> is the autograd surface; <c>Tensor.Format.cs</c> prints.
/// </remarks>
public partial class Tensor
{
    internal TensorStorage Storage; // replaced only by ReplaceData (Module.To)
    internal readonly int[] ShapeArray;
    private IReadOnlyList<int>? _shapeView;

    /// <summary>
    /// Null for a tensor that is its whole storage in row-major order (every tensor an op allocates); the strides,
    /// offset and count of a view otherwise. Kept out of line so that the common tensor pays one field for it.
    /// </summary>
    internal readonly ViewLayout? Layout;

    /// <summary>Wraps a whole storage as a row-major tensor of <paramref name="shape"/> (no copy).</summary>
    internal Tensor(TensorStorage storage, int[] shape, DType dtype)
    {
        Storage = storage;
        ShapeArray = shape;
        DType = dtype;
    }

    /// <summary>A view: <paramref name="shape"/> read from <paramref name="storage"/> at <paramref name="offset"/>
    /// with <paramref name="strides"/> (no copy; the caller has checked that every element lies inside).</summary>
    internal Tensor(TensorStorage storage, int[] shape, int[] strides, int offset, DType dtype)
    {
        Storage = storage;
        ShapeArray = shape;
        DType = dtype;
        int count = ShapeUtil.Count(shape, "View");
        if (offset != 0 || count != storage.Data.Length || !ViewLayout.IsDefault(shape, strides))
            Layout = new ViewLayout(strides, offset, count, ViewLayout.IsRowMajor(shape, strides));
    }

    /// <summary>Creates a tensor that shares <paramref name="source"/>'s storage and layout, for <see cref="Parameter"/>.</summary>
    protected Tensor(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Storage = source.Storage;
        ShapeArray = source.ShapeArray;
        Layout = source.Layout;
        DType = source.DType;
    }

    /// <summary>
    /// A new tensor of zeros of the given shape and dtype (the shape array is owned by the tensor, not copied), for
    /// code that fills it; <paramref name="op"/> names the caller in a shape error. Not PyTorch's <c>empty</c>, whose
    /// memory is uninitialised: this one is always zero-filled.
    /// </summary>
    internal static Tensor ZeroFilled(int[] shape, DType dtype, string op = "Tensor")
    {
        int n = ShapeUtil.Count(shape, op);
        return new Tensor(new TensorStorage(TensorStorage.Allocate(dtype, n, zeroed: true)), shape, dtype);
    }

    /// <summary>The size of each dimension. PyTorch: <c>shape</c>.</summary>
    public IReadOnlyList<int> Shape => _shapeView ??= Array.AsReadOnly(ShapeArray);

    /// <summary>The number of dimensions (0 for a scalar). PyTorch: <c>dim()</c>.</summary>
    public int Rank => ShapeArray.Length;

    /// <summary>The number of elements. PyTorch: <c>numel()</c>.</summary>
    public int Count => Layout is null ? Storage.Data.Length : Layout.Count;

    /// <summary>
    /// How many storage elements to step to move by one along each dim (0 along an expanded dim).
    /// PyTorch: <c>stride()</c>.
    /// </summary>
    public IReadOnlyList<int> Strides => Array.AsReadOnly((int[])StrideArray.Clone());

    /// <summary>The strides (row-major ones, made now, for a tensor that is not a view); never mutated.</summary>
    internal int[] StrideArray => Layout is null ? ShapeUtil.Strides(ShapeArray) : Layout.Strides;

    /// <summary>Where element (0, 0, ...) is in the storage, in elements. PyTorch: <c>storage_offset()</c>.</summary>
    public int StorageOffset => Layout is null ? 0 : Layout.Offset;

    /// <summary>
    /// Whether the elements lie in memory in row-major order with no gaps (dims of size 1 may have any stride, as in
    /// PyTorch). PyTorch: <c>is_contiguous()</c>. A transposed, permuted, expanded or strided-slice view is not.
    /// </summary>
    public bool IsContiguous => Layout is null || Layout.Contiguous;

    /// <summary>
    /// This tensor if its elements are row-major and gapless, else a contiguous copy (recorded by autograd: the
    /// gradient flows back unchanged). PyTorch: <c>contiguous()</c>. Ops that read memory directly call it on their
    /// inputs first.
    /// </summary>
    public Tensor Contiguous() => Ops.Contiguous.Forward(this);

    /// <summary>The element type. PyTorch: <c>dtype</c>.</summary>
    public DType DType { get; private set; }

    /// <summary>
    /// The elements, row-major, as a span of <typeparamref name="T"/>, which must be <see cref="DType"/>'s element
    /// type (<c>double</c>, <c>float</c>, <c>long</c>, <c>bool</c>; reading one dtype as another throws): the storage
    /// slice at the offset. Only for a contiguous tensor: on any other it throws, so that a kernel given a view
    /// without <see cref="Contiguous"/> first fails loudly instead of reading the wrong memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Span<T>() where T : unmanaged
    {
        if (Storage.Data.GetType() != typeof(T[])) ThrowWrongElementType(typeof(T));
        var layout = Layout;
        if (layout is null) return Unsafe.As<T[]>(Storage.Data).AsSpan();
        if (layout.Count == 0) return [];   // an empty view's offset may lie past the end of its storage
        if (!layout.Contiguous) throw NotContiguous("Span", "Contiguous.Values(x)");
        return Unsafe.As<T[]>(Storage.Data).AsSpan(layout.Offset, layout.Count);
    }

    /// <summary>
    /// The whole storage array of <typeparamref name="T"/> (which must be <see cref="DType"/>'s element type), for
    /// kernels that take arrays: only for a tensor that is its whole storage in row-major order (not a view);
    /// otherwise it throws, as <see cref="Span{T}"/> does.
    /// </summary>
    /// <exception cref="InvalidOperationException">T is not the element type (an op that reads, say, an Int64
    /// tensor as <c>double</c> would otherwise reinterpret its bits), or the tensor is a view.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Data<T>() where T : unmanaged
    {
        if (Storage.Data.GetType() != typeof(T[])) ThrowWrongElementType(typeof(T));
        return Layout is null ? Unsafe.As<T[]>(Storage.Data) : throw NotContiguous("Data", "Contiguous.Owned(x)");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongElementType(Type type) =>
        throw new InvalidOperationException(
            $"Tensor: an operation read a tensor of dtype {DType.Name()} and shape {ShapeUtil.Format(ShapeArray)} as {type.Name} values; " +
            "this operation does not support that dtype. Convert the tensor first with To(DType.Float64).");

    private InvalidOperationException NotContiguous(string what, string fix) => new(
        $"Internal error: {what}() read a view of shape {ShapeUtil.Format(ShapeArray)} with strides {ShapeUtil.Format(StrideArray)} " +
        $"and offset {StorageOffset} as if it owned a row-major storage; the op must call Contiguous() on its input first (in a kernel entry point: {fix}).");

    /// <summary>Converts a double to the element type <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Cast<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);
}
