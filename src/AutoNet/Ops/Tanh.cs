using System.Numerics;
using System.Runtime.InteropServices;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = tanh(x).
/// d/dx tanh(x) = 1 - tanh²(x), so grad_x = grad * ((1 - y) * (1 + y)). PyTorch's tanh_backward computes 1 - y·y
/// with a fused multiply-add, so it does not lose the digits that 1 - y·y rounded twice loses when |y| is near 1
/// (up to 2e-9 relative in float64 and 6e-5 in float32 at |x| ≈ 10); (1 - y)(1 + y) keeps them too.
/// The backward runs as one loop over the elements (the four tensor ops' roundings, in their order) unless it is
/// being recorded. A float32 forward of 4,096 values or more shares its chunks with the helper thread: on the
/// Names MLP's [32, 200] hidden layer that took its step from 112–120 µs to 108–111 µs (three alternating
/// <c>--short names</c> runs per build).
/// </summary>
internal sealed class Tanh : Node
{
    private readonly SavedTensor _result;

    private Tanh(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        var y = x.DType == DType.Float32 && x.Count >= SharedMin ? Shared(x) : Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Tanh(y).Attach(y, [x]) : y;
    }

    private const int SharedMin = 4096, Chunk = 1024;

    /// <summary>float32 tanh of a large tensor, its chunks shared among the cores (each value's arithmetic is its
    /// own, so the bits do not depend on the thread).</summary>
    private static Tensor Shared(Tensor x)
    {
        x = Contiguous.Values(x);
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        Workers.Chunks(x.Count, Chunk, SharedMin, (start, length) =>
            Float32Tanh.Run(x.Span<float>().Slice(start, length), y.Span<float>().Slice(start, length)));
        return y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var y = _result.Value;
        // Recorded (createGraph) or unusual: the same expression as tensor ops, so it can be differentiated again.
        if (ShouldRecord(grad, y) || grad.DType != y.DType || grad.Count != y.Count || y.DType is not (DType.Float32 or DType.Float64))
            return [grad * ((1.0 - y) * (1.0 + y))];
        // One pass that rounds as those four ops do, each product and sum rounded to the dtype in the same order,
        // and writes one tensor instead of four.
        grad = Contiguous.Values(grad);
        y = Contiguous.Values(y);
        var dx = Elementwise.Uninitialized(y.ShapeArray, y.DType);
        if (y.DType == DType.Float32) BackwardLoop<float>(grad.Span<float>(), y.Span<float>(), dx.Span<float>());
        else BackwardLoop<double>(grad.Span<double>(), y.Span<double>(), dx.Span<double>());
        return [dx];
    }

    /// <summary>dx = g · ((1 − y) · (1 + y)), a vector at a time.</summary>
    private static void BackwardLoop<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(y.Slice(i));
                (new Vector<T>(g.Slice(i)) * ((Vector<T>.One - v) * (Vector<T>.One + v))).CopyTo(dx.Slice(i));
            }
        for (; i < y.Length; i++) dx[i] = g[i] * ((T.One - y[i]) * (T.One + y[i]));
    }

    private readonly struct Kernel : IUnaryKernel
    {
        // Not TensorPrimitives.Tanh: in System.Numerics.Tensors 10.0.0 it loses all precision for small |x| (it gives
        // tanh(1e-20) = -0 and, in float32, tanh(0) = -5.96e-08 and tanh(0.001) = 0.0009999728). float32 goes
        // through Float32Tanh (double precision, vectorised exp, rounded once); float64 through the scalar T.Tanh
        // (the C runtime's tanh), which agrees with PyTorch to an ulp.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float))
            {
                Float32Tanh.Run(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
                return;
            }
            for (int i = 0; i < x.Length; i++) y[i] = T.Tanh(x[i]);
        }
    }
}
