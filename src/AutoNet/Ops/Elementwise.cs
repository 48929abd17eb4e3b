using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The Tensor-level entry points of the elementwise kernels: each allocates the output tensor, picks the float type
/// and runs the span-level loop of <see cref="ElementwiseLoops"/> or <see cref="Summation"/>.
/// </summary>
internal static class Elementwise
{
    /// <summary>
    /// A new tensor whose every element the caller is about to write: its memory is not zeroed first (for the
    /// outputs of maps, binary ops, copies; never for a kernel that accumulates into its output).
    /// </summary>
    internal static Tensor Uninitialized(int[] shape, DType dtype)
    {
        int n = ShapeUtil.Count(shape, "Tensor");
        Array data = dtype == DType.Float32 ? GC.AllocateUninitializedArray<float>(n) : GC.AllocateUninitializedArray<double>(n);
        return new Tensor(new TensorStorage(data), shape, dtype);
    }

    /// <summary>y = f(x) elementwise, same shape and dtype as <paramref name="x"/>.</summary>
    public static Tensor Map<TK>(Tensor x, TK kernel) where TK : struct, IUnaryKernel
    {
        x = Contiguous.Values(x);
        var y = Uninitialized(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) kernel.Run<float>(x.Span<float>(), y.Span<float>());
        else kernel.Run<double>(x.Span<double>(), y.Span<double>());
        return y;
    }

    /// <summary>
    /// d = f(a, b) with NumPy/PyTorch broadcasting. Both inputs must already have the same dtype.
    /// The output shape is <paramref name="shape"/> (the broadcast of the two).
    /// </summary>
    public static Tensor Binary<TK>(Tensor a, Tensor b, int[] shape, TK kernel) where TK : struct, IBinaryKernel
    {
        a = Contiguous.Values(a);
        b = Contiguous.Values(b);
        var d = Uninitialized(shape, a.DType);
        if (a.DType == DType.Float32) Binary<float, TK>(a, b, d, kernel);
        else Binary<double, TK>(a, b, d, kernel);
        return d;
    }

    private static void Binary<T, TK>(Tensor a, Tensor b, Tensor d, TK kernel)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IBinaryKernel =>
        ElementwiseLoops.Binary(a.Span<T>(), a.ShapeArray, b.Span<T>(), b.ShapeArray, d.Span<T>(), d.ShapeArray, kernel);

    /// <summary>Copies <paramref name="x"/> broadcast to <paramref name="shape"/> (PyTorch: <c>expand</c>, materialised).</summary>
    public static Tensor BroadcastTo(Tensor x, int[] shape)
    {
        x = Contiguous.Values(x);
        var d = Uninitialized(shape, x.DType);
        if (x.DType == DType.Float32) ElementwiseLoops.BroadcastTo(x.Span<float>(), x.ShapeArray, d.Span<float>(), shape);
        else ElementwiseLoops.BroadcastTo(x.Span<double>(), x.ShapeArray, d.Span<double>(), shape);
        return d;
    }

    /// <summary>
    /// Sums <paramref name="x"/> down to <paramref name="shape"/>, which must broadcast to x's shape: the reverse
    /// of broadcasting, and so the gradient of every broadcasting op (HIPS autograd calls it <c>unbroadcast</c>).
    /// Pairwise, as every sum (<see cref="Summation"/>).
    /// </summary>
    public static Tensor SumTo(Tensor x, int[] shape)
    {
        if (x.Count == 0) return Tensor.ZeroFilled((int[])shape.Clone(), x.DType); // a sum over nothing is 0
        x = Contiguous.Values(x);
        var d = Uninitialized(shape, x.DType);
        if (x.DType == DType.Float32) Summation.SumTo(x.Span<float>(), x.ShapeArray, d.Span<float>(), shape);
        else Summation.SumTo(x.Span<double>(), x.ShapeArray, d.Span<double>(), shape);
        return d;
    }
}
