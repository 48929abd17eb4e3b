using System.Numerics;
using System.Runtime.CompilerServices;
using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// An n-dimensional array of float64 (default) or float32 values, stored contiguously in row-major order, that
/// records the operations applied to it so that <see cref="Backward"/> can compute gradients.
/// PyTorch: <c>torch.Tensor</c>.
/// </summary>
/// <remarks>
/// The type is split across small partial files: this one holds storage and shape; <c>Tensor.Factories.cs</c>
/// creates tensors; <c>Tensor.Math.cs</c>, <c>Tensor.Activations.cs</c> and <c>Tensor.Operators.cs</c> expose the
/// ops in <c>Ops/</c>;
/// <c>Tensor.Autograd.cs</c> is the autograd surface; <c>Tensor.Format.cs</c> prints.
/// </remarks>
public partial class Tensor
{
    internal TensorStorage Storage; // replaced only by ReplaceData (Module.To)
    internal readonly int[] ShapeArray;
    private IReadOnlyList<int>? _shapeView;

    /// <summary>Wraps existing storage (no copy). Every constructor funnels through here.</summary>
    internal Tensor(TensorStorage storage, int[] shape, DType dtype)
    {
        Storage = storage;
        ShapeArray = shape;
        DType = dtype;
    }

    /// <summary>Creates a tensor that shares <paramref name="source"/>'s storage, for <see cref="Parameter"/>.</summary>
    protected Tensor(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Storage = source.Storage;
        ShapeArray = source.ShapeArray;
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
    public int Count => Storage.Data.Length;

    /// <summary>
    /// Whether the elements lie in memory in row-major order with no gaps. PyTorch: <c>is_contiguous()</c>.
    /// Every tensor is contiguous today; views with strides (transpose, slices) will make some not.
    /// </summary>
    public bool IsContiguous => true;

    /// <summary>
    /// This tensor if its elements are row-major and gapless, else a contiguous copy (recorded by autograd).
    /// PyTorch: <c>contiguous()</c>. Ops that read memory directly call it on their inputs first.
    /// </summary>
    public Tensor Contiguous() => this;

    /// <summary>The element type. PyTorch: <c>dtype</c>.</summary>
    public DType DType { get; private set; }

    /// <summary>The elements as a span of <typeparamref name="T"/>, which must be <see cref="DType"/>'s element type
    /// (<c>double</c>, <c>float</c>, <c>long</c>, <c>bool</c>); reading one dtype as another throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Span<T>() where T : unmanaged => Data<T>().AsSpan();

    /// <summary>The elements as an array of <typeparamref name="T"/>, which must be <see cref="DType"/>'s element type.</summary>
    /// <exception cref="InvalidOperationException">T is not the element type: an op that reads, say, an Int64
    /// tensor as <c>double</c> would otherwise reinterpret its bits.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Data<T>() where T : unmanaged
    {
        if (Storage.Data.GetType() != typeof(T[])) ThrowWrongElementType(typeof(T));
        return Unsafe.As<T[]>(Storage.Data);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongElementType(Type type) =>
        throw new InvalidOperationException(
            $"Tensor: an operation read a {DType.Name()} tensor of shape {ShapeUtil.Format(ShapeArray)} as {type.Name} values; " +
            "this operation does not support that dtype. Convert the tensor first with To(DType.Float64).");

    /// <summary>Converts a double to the element type <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Cast<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);
}
