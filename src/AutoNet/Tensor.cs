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
    internal readonly TensorStorage Storage;
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
        System.Array data = dtype == DType.Float32 ? new float[n] : new double[n];
        return new Tensor(new TensorStorage(data), shape, dtype);
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
    public DType DType { get; }

    /// <summary>The elements as a span of <typeparamref name="T"/> (which must match <see cref="DType"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Span<T>() where T : unmanaged => Unsafe.As<T[]>(Storage.Data).AsSpan();

    /// <summary>The elements as an array of <typeparamref name="T"/> (which must match <see cref="DType"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Data<T>() where T : unmanaged => Unsafe.As<T[]>(Storage.Data);

    /// <summary>The single value of a one-element tensor. PyTorch: <c>item()</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public double Item()
    {
        if (Count != 1)
            throw new InvalidOperationException(
                $"Item: only a tensor with exactly one element can be converted to a number; this one has shape {ShapeUtil.Format(ShapeArray)} ({Count} elements).");
        return DType == DType.Float32 ? Data<float>()[0] : Data<double>()[0];
    }

    /// <summary>A row-major copy of the elements as <c>double[]</c> (float32 values are widened exactly).
    /// PyTorch: <c>tolist()</c> on a flattened tensor.</summary>
    public double[] ToArray()
    {
        if (DType == DType.Float64) return (double[])Data<double>().Clone();
        var src = Data<float>();
        var result = new double[src.Length];
        for (int i = 0; i < src.Length; i++) result[i] = src[i];
        return result;
    }

    /// <summary>A row-major copy of the elements as <c>float[]</c> (float64 values are rounded to nearest).</summary>
    public float[] ToFloatArray()
    {
        if (DType == DType.Float32) return (float[])Data<float>().Clone();
        var src = Data<double>();
        var result = new float[src.Length];
        for (int i = 0; i < src.Length; i++) result[i] = (float)src[i];
        return result;
    }

    /// <summary>Reads the element at a row-major flat index as a double (for tests, printing, small loops).</summary>
    internal double GetFlat(int index) => DType == DType.Float32 ? Data<float>()[index] : Data<double>()[index];

    /// <summary>Converts a double to the element type <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Cast<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);
}
