using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = max(x, 0); NaN stays NaN.
/// d/dx = 1 where y > 0, else 0 (PyTorch's threshold_backward on the saved result), so grad_x = grad * (y > 0).
/// Backward multiplies by the 0/1 mask in one fused pass when it is not itself recorded (no mask tensor kept);
/// under createGraph it builds the mask as a constant tensor and records grad * mask.
/// </summary>
internal sealed class Relu : Node
{
    private readonly SavedTensor _y;

    private Relu(Tensor y) => _y = Save(y);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Relu(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var y = _y.Value;
        return [ShouldRecord(grad) || grad.DType != y.DType || grad.Count != y.Count
            ? grad * Elementwise.Map(y, default(PositiveKernel))
            : Elementwise.Binary(grad, y, y.ShapeArray, default(MaskedKernel))];
    }

    private readonly struct Kernel : IUnaryKernel
    {
        // TensorPrimitives.Max propagates NaN, as PyTorch's relu does.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, T.Zero, y);
    }

    /// <summary>y = 1 where x &gt; 0, else 0: a SIMD compare-and-select, then a scalar tail.</summary>
    private readonly struct PositiveKernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
                for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                    Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(x[i..]), Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero).CopyTo(y[i..]);
            for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : T.Zero;
        }
    }

    /// <summary>
    /// d = g * (y &gt; 0 ? 1 : 0), the same products as grad * mask (so -0 and NaN come out as before), in one pass.
    /// Used only with equal lengths (<see cref="Backward"/> checks); the scalar overloads complete the interface.
    /// </summary>
    private readonly struct MaskedKernel : IBinaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
                for (; i <= d.Length - Vector<T>.Count; i += Vector<T>.Count)
                {
                    var mask = Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(y[i..]), Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);
                    (new Vector<T>(g[i..]) * mask).CopyTo(d[i..]);
                }
            for (; i < d.Length; i++) d[i] = g[i] * (y[i] > T.Zero ? T.One : T.Zero);
        }

        public void Run<T>(ReadOnlySpan<T> g, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> =>
            TensorPrimitives.Multiply(g, y > T.Zero ? T.One : T.Zero, d);

        public void Run<T>(T g, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < d.Length; i++) d[i] = g * (y[i] > T.Zero ? T.One : T.Zero);
        }
    }
}
