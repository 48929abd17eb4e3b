using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x with its elements copied into a new row-major storage, when x is a view whose elements are not already
/// row-major and gapless (else y = x itself). PyTorch: <c>contiguous</c>.
/// The values are unchanged, so grad_x = grad.
/// </summary>
internal sealed class Contiguous : Node
{
    public static Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.IsContiguous) return x;
        var y = Copy(x);
        return ShouldRecord(x) ? new Contiguous().Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad];

    /// <summary>
    /// x itself when contiguous, else an unrecorded row-major copy: what a Tensor-level kernel entry point reads
    /// (the op's node records the view itself as its input, so the copy needs no node of its own).
    /// </summary>
    public static Tensor Values(Tensor x) => x.IsContiguous ? x : Copy(x);

    /// <summary>
    /// For a kernel that broadcasts its operands itself (<see cref="Elementwise.Binary{TK}"/>): x itself when
    /// contiguous; when x is a broadcast of a contiguous block (stride 0 along some dims, row-major along the rest,
    /// as <c>Expand</c> and the gradient of <c>Sum</c> or <c>Mean</c> along a dim make), that block, viewed with
    /// size 1 along the broadcast dims, so the kernel reads each value where a copy would have held it; else an
    /// unrecorded row-major copy. The caller must use the returned tensor's shape, which may differ from x's.
    /// </summary>
    public static Tensor Broadcastable(Tensor x)
    {
        if (x.IsContiguous) return x;
        var layout = x.Layout!;
        int[]? block = null;
        for (int d = 0; d < x.Rank; d++)
            if (layout.Strides[d] == 0 && x.ShapeArray[d] > 1)
            {
                block ??= (int[])x.ShapeArray.Clone();
                block[d] = 1;
            }
        return block is not null && ViewLayout.IsRowMajor(block, layout.Strides)
            ? new Tensor(x.Storage, block, layout.Strides, layout.Offset, x.DType)
            : Copy(x);
    }

    /// <summary>
    /// x itself when it is its whole storage in row-major order, else an unrecorded copy that is: for kernels that
    /// take whole arrays (<see cref="Tensor.Data{T}"/>).
    /// </summary>
    public static Tensor Owned(Tensor x) => x.Layout is null ? x : Copy(x);

    /// <summary>A new row-major tensor holding x's elements (unrecorded).</summary>
    public static Tensor Copy(Tensor x)
    {
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        CopyInto(x, y);
        return y;
    }

    /// <summary>Writes <paramref name="source"/>'s elements (same shape and dtype) through <paramref name="target"/>'s
    /// layout into its storage; a source that shares the target's storage is copied out first.</summary>
    public static void Write(Tensor target, Tensor source)
    {
        if (ReferenceEquals(source.Storage, target.Storage)) source = Copy(source);
        CopyInto(source, target);
    }

    /// <summary>Copies element by element whatever the element type (the storage array's own type picks the loop).</summary>
    private static void CopyInto(Tensor from, Tensor to)
    {
        switch (to.Storage.Data)
        {
            case double[]: CopyInto<double>(from, to); break;
            case float[]: CopyInto<float>(from, to); break;
            case long[]: CopyInto<long>(from, to); break;
            case bool[]: CopyInto<bool>(from, to); break;
            default: throw new NotSupportedException($"Contiguous: no copy loop for a storage of {to.Storage.Data.GetType().Name}.");
        }
    }

    private static void CopyInto<T>(Tensor from, Tensor to) where T : unmanaged
    {
        var shape = from.ShapeArray;
        if (from.Layout is null && to.Layout is null)
        {
            ((T[])from.Storage.Data).AsSpan().CopyTo((T[])to.Storage.Data);
            return;
        }
        StridedCopy.Copy<T>((T[])from.Storage.Data, from.StorageOffset, from.StrideArray,
            (T[])to.Storage.Data, to.StorageOffset, to.StrideArray, shape);
    }
}
