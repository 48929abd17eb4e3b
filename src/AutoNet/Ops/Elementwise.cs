using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The Tensor-level entry points of the elementwise kernels: each allocates the output tensor, picks the element
/// type and runs the span-level loop of <see cref="ElementwiseLoops"/>, <see cref="ElementLoops"/> or
/// <see cref="Summation"/>.
/// </summary>
/// <remarks>
/// The dtype rule for float math lives here, once: <see cref="Map"/> computes an Int64 or Bool input in Float64
/// (AutoNet's default float dtype; PyTorch promotes to its default, float32), so <c>Exp</c>, <c>Log</c>,
/// <c>Sigmoid</c>, ... of an integer tensor give a Float64 tensor. Binary ops promote in
/// <see cref="Broadcasting.Prepare"/>.
/// </remarks>
internal static class Elementwise
{
    /// <summary>
    /// A new tensor whose every element the caller is about to write: its memory is not zeroed first (for the
    /// outputs of maps, binary ops, copies; never for a kernel that accumulates into its output).
    /// </summary>
    internal static Tensor Uninitialized(int[] shape, DType dtype)
    {
        int n = ShapeUtil.Count(shape, "Tensor");
        return new Tensor(new TensorStorage(TensorStorage.Allocate(dtype, n, zeroed: false)), shape, dtype);
    }

    /// <summary>y = f(x) elementwise, same shape and dtype as <paramref name="x"/>; an Int64 or Bool x is computed in
    /// Float64 (the class remarks).</summary>
    public static Tensor Map<TK>(Tensor x, TK kernel) where TK : struct, IUnaryKernel
    {
        if (x.DType is DType.Int64 or DType.Bool) x = Cast.Forward(x, DType.Float64);
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
    /// <exception cref="InvalidOperationException">The operands are Int64 or Bool (<see cref="Broadcasting.Prepare"/>
    /// promotes them for float-only ops; integer arithmetic goes through <see cref="Arithmetic"/>).</exception>
    public static Tensor Binary<TK>(Tensor a, Tensor b, int[] shape, TK kernel) where TK : struct, IBinaryKernel
    {
        if (a.DType is DType.Int64 or DType.Bool || b.DType != a.DType)
            throw new InvalidOperationException(
                $"Elementwise.Binary: a float kernel was given {a.DType.Name()} and {b.DType.Name()} operands; promote them with Broadcasting.Prepare first.");
        a = Contiguous.Broadcastable(a);                   // an expanded operand stays its small block
        b = Contiguous.Broadcastable(b);
        var d = Uninitialized(shape, a.DType);
        if (a.DType == DType.Float32) Binary<float, TK>(a, b, d, kernel);
        else Binary<double, TK>(a, b, d, kernel);
        return d;
    }

    private static void Binary<T, TK>(Tensor a, Tensor b, Tensor d, TK kernel)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IBinaryKernel =>
        ElementwiseLoops.Binary(a.Span<T>(), a.ShapeArray, b.Span<T>(), b.ShapeArray, d.Span<T>(), d.ShapeArray, kernel);

    /// <summary>
    /// d = a op b for Add, Sub, Mul: Int64 operands (after <see cref="Broadcasting.Prepare"/> with
    /// <see cref="IntegerRule.Arithmetic"/>) through the per-element <see cref="ElementLoops"/>, wrapping on overflow
    /// as PyTorch's int64 does; float operands through <see cref="Binary{TK}"/>.
    /// </summary>
    public static Tensor Arithmetic<TK>(Tensor a, Tensor b, int[] shape, TK kernel) where TK : struct, IBinaryKernel, IElementBinary<long, long>
    {
        if (a.DType != DType.Int64) return Binary(a, b, shape, kernel);
        a = a.Contiguous();
        b = b.Contiguous();
        var d = Uninitialized(shape, DType.Int64);
        ElementLoops.Binary<long, long, TK>(a.Span<long>(), a.ShapeArray, b.Span<long>(), b.ShapeArray, d.Span<long>(), shape, kernel);
        return d;
    }

    /// <summary>Copies <paramref name="x"/> broadcast to <paramref name="shape"/> (PyTorch: <c>expand</c>, materialised).</summary>
    public static Tensor BroadcastTo(Tensor x, int[] shape)
    {
        x = Contiguous.Values(x);
        var d = Uninitialized(shape, x.DType);
        switch (x.DType)
        {
            case DType.Float32: ElementwiseLoops.BroadcastTo(x.Span<float>(), x.ShapeArray, d.Span<float>(), shape); break;
            case DType.Int64: ElementwiseLoops.BroadcastTo(x.Span<long>(), x.ShapeArray, d.Span<long>(), shape); break;
            case DType.Bool: ElementwiseLoops.BroadcastTo(x.Span<bool>(), x.ShapeArray, d.Span<bool>(), shape); break;
            default: ElementwiseLoops.BroadcastTo(x.Span<double>(), x.ShapeArray, d.Span<double>(), shape); break;
        }
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
