using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = gelu(x) = x/2 · (1 + erf(x/√2)), PyTorch's exact GELU, as one op. It computes what the composed ops
/// <c>x * 0.5 * (1.0 + (x * (1/√2)).Erf())</c> compute, rounding by rounding, in x's dtype:
/// b = x·(1/√2), c = 1 + erf(b), y = (x·0.5)·c.
/// d/dx = c/2 + x/2 · (2/√π) e^(−b²) · (1/√2), and backward rounds it as the composed graph's backward does:
/// grad_x = ((grad·(x·0.5)) · ((2/√π)·exp(−(b·b)))) · (1/√2) + (grad·c)·0.5.
/// One op instead of five: the forward writes y and c (the composed forward wrote five tensors), the backward
/// writes grad_x alone (the composed backward wrote nine), and the loops run over chunks small enough to stay in
/// the first-level cache, shared among the cores for large tensors. Under <c>createGraph</c> the backward records
/// the same expression as tensor ops, so it can be differentiated again.
/// </summary>
internal sealed class Gelu : Node
{
    private const double Half = 0.5, Sqrt1Over2 = 0.70710678118654752440;
    private const int Chunk = 1024;                  // elements per pass: 4 or 8 KB a buffer, in L1 with the rest
    private const int ParallelMin = 16 * Chunk;      // below this the caller runs every chunk itself

    private readonly SavedTensor _x, _c;

    private Gelu(Tensor x, Tensor c)
    {
        _x = Save(x);
        _c = Save(c);
    }

    public static Tensor Forward(Tensor x)
    {
        if (x.DType is DType.Int64 or DType.Bool) x = Cast.Forward(x, DType.Float64);   // as every float map does
        var values = Contiguous.Values(x);                // x itself, or a row-major copy of a view
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        var c = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) Workers.Chunks(x.Count, Chunk, ParallelMin, (start, n) => ForwardChunk<float>(values.Span<float>(), c.Span<float>(), y.Span<float>(), start, n));
        else Workers.Chunks(x.Count, Chunk, ParallelMin, (start, n) => ForwardChunk<double>(values.Span<double>(), c.Span<double>(), y.Span<double>(), start, n));
        return ShouldRecord(x) ? new Gelu(x, c).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var x = _x.Value;
        if (ShouldRecord(grad, x) || grad.DType != x.DType || grad.Count != x.Count)
        {
            // Recorded (createGraph) or unusual: the same roundings as tensor ops, c recomputed from x so that
            // it is differentiable too.
            var b = x * Sqrt1Over2;
            var c = 1.0 + b.Erf();
            return [grad * (x * Half) * (SpecialFunctions.TwoOverSqrtPi * (-(b * b)).Exp()) * Sqrt1Over2 + grad * c * Half];
        }
        grad = Contiguous.Values(grad);
        x = Contiguous.Values(x);
        var dx = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        var saved = _c.Value;
        if (x.DType == DType.Float32) Workers.Chunks(x.Count, Chunk, ParallelMin, (start, n) => BackwardChunk<float>(grad.Span<float>(), x.Span<float>(), saved.Span<float>(), dx.Span<float>(), start, n));
        else Workers.Chunks(x.Count, Chunk, ParallelMin, (start, n) => BackwardChunk<double>(grad.Span<double>(), x.Span<double>(), saved.Span<double>(), dx.Span<double>(), start, n));
        return [dx];
    }

    /// <summary>The chunk of n elements from start: c = 1 + erf(x·(1/√2)); y = (x·0.5)·c (c doubles as the chunk's buffer).</summary>
    private static void ForwardChunk<T>(ReadOnlySpan<T> x, Span<T> c, Span<T> y, int start, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(Half), r = T.CreateTruncating(Sqrt1Over2);
        ReadOnlySpan<T> xs = x.Slice(start, n);
        Span<T> cs = c.Slice(start, n), ys = y.Slice(start, n);
        TensorPrimitives.Multiply(xs, r, cs);            // b = x · (1/√2)
        default(Erf.Kernel).Run<T>(cs, cs);              // erf(b), Erf's own kernel
        TensorPrimitives.Add(cs, T.One, cs);             // c = 1 + erf(b)
        TensorPrimitives.Multiply(xs, half, ys);         // a = x · 0.5
        TensorPrimitives.Multiply(ys, cs, ys);           // y = a · c
    }

    /// <summary>The chunk of n elements from start: dx = ((g·a)·((2/√π)·exp(−(b·b))))·(1/√2) + (g·c)·0.5, with a = x·0.5 and b = x·(1/√2).</summary>
    private static void BackwardChunk<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, ReadOnlySpan<T> c, Span<T> dx, int start, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(Half), r = T.CreateTruncating(Sqrt1Over2), twoOverSqrtPi = T.CreateTruncating(SpecialFunctions.TwoOverSqrtPi);
        ReadOnlySpan<T> gs = g.Slice(start, n), xs = x.Slice(start, n), cs = c.Slice(start, n);
        Span<T> ts = stackalloc T[Chunk], us = stackalloc T[Chunk], ds = dx.Slice(start, n);
        ts = ts[..n];
        us = us[..n];
        TensorPrimitives.Multiply(xs, r, ts);            // b = x · (1/√2)
        TensorPrimitives.Multiply(ts, ts, ts);           // b · b
        TensorPrimitives.Negate(ts, ts);                 // −(b · b)
        default(Exp.Kernel).Run<T>(ts, ts);              // exp(−b²), Exp's own kernel
        TensorPrimitives.Multiply(ts, twoOverSqrtPi, ts); // erf'(b) = (2/√π) · exp(−b²)
        TensorPrimitives.Multiply(xs, half, us);         // a = x · 0.5
        TensorPrimitives.Multiply(gs, us, us);           // grad of c (and of erf(b)) = g · a
        TensorPrimitives.Multiply(us, ts, us);           // grad of b = that · erf'(b)
        TensorPrimitives.Multiply(us, r, us);            // the path through b: · (1/√2)
        TensorPrimitives.Multiply(gs, cs, ds);           // grad of a = g · c
        TensorPrimitives.Multiply(ds, half, ds);         // the path through a: · 0.5
        TensorPrimitives.Add(us, ds, ds);                // the two paths meet at x
    }
}
