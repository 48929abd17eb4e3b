using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The Tensor-level entry points of the copying kernels (<see cref="BoxCopy"/>, <see cref="ElementwiseLoops.BroadcastTo{T}"/>)
/// for the joins (Cat, Stack, Repeat, Pad): they only move elements, so they take every element type.
/// </summary>
internal static class Copying
{
    /// <summary>
    /// Copies the box of <paramref name="extent"/> elements per dim starting at <paramref name="srcStart"/> in
    /// <paramref name="src"/> to <paramref name="dstStart"/> in <paramref name="dst"/>; both contiguous and of the same
    /// dtype; <paramref name="srcShape"/> is src's shape, or src's elements viewed with another shape of the same
    /// rank as dst (Stack copies [2, 3] as [2, 1, 3]).
    /// </summary>
    public static void Box(Tensor src, int[] srcShape, ReadOnlySpan<int> srcStart, Tensor dst, ReadOnlySpan<int> dstStart, ReadOnlySpan<int> extent)
    {
        switch (dst.Storage.Data)
        {
            case float[]: BoxCopy.Run(src.Span<float>(), srcShape, srcStart, dst.Span<float>(), dst.ShapeArray, dstStart, extent); break;
            case double[]: BoxCopy.Run(src.Span<double>(), srcShape, srcStart, dst.Span<double>(), dst.ShapeArray, dstStart, extent); break;
            case long[]: BoxCopy.Run(src.Span<long>(), srcShape, srcStart, dst.Span<long>(), dst.ShapeArray, dstStart, extent); break;
            case bool[]: BoxCopy.Run(src.Span<bool>(), srcShape, srcStart, dst.Span<bool>(), dst.ShapeArray, dstStart, extent); break;
            default: throw Unsupported(dst);
        }
    }

    /// <summary>
    /// A new tensor of <paramref name="outputShape"/> holding <paramref name="x"/>'s elements viewed as
    /// <paramref name="viewShape"/> and broadcast to <paramref name="broadcastShape"/> (same element count as
    /// outputShape): Repeat's tiling.
    /// </summary>
    public static Tensor Tile(Tensor x, int[] viewShape, int[] broadcastShape, int[] outputShape)
    {
        var y = Elementwise.Uninitialized(outputShape, x.DType);
        switch (x.Storage.Data)
        {
            case float[]: ElementwiseLoops.BroadcastTo(x.Span<float>(), viewShape, y.Span<float>(), broadcastShape); break;
            case double[]: ElementwiseLoops.BroadcastTo(x.Span<double>(), viewShape, y.Span<double>(), broadcastShape); break;
            case long[]: ElementwiseLoops.BroadcastTo(x.Span<long>(), viewShape, y.Span<long>(), broadcastShape); break;
            case bool[]: ElementwiseLoops.BroadcastTo(x.Span<bool>(), viewShape, y.Span<bool>(), broadcastShape); break;
            default: throw Unsupported(x);
        }
        return y;
    }

    private static NotSupportedException Unsupported(Tensor t) =>
        new($"Copying: dtype {t.DType.Name()} has no copy loop.");
}
