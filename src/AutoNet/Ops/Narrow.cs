using System.Numerics.Tensors;
using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x[..., start:start+length, ...] along <c>dim</c> (a view at an offset, the dim shortened).
/// PyTorch: <c>narrow</c> (and a slice <c>x[a:b]</c>).
/// ∂y/∂x is 1 on the slice and 0 elsewhere, so grad_x = grad placed at start along dim in zeros of x's shape
/// (<see cref="Embed"/>).
/// </summary>
internal sealed class Narrow : Node
{
    private int[] _inputShape = [];
    private int _dim, _start;

    public static Tensor Forward(Tensor x, int dim, int start, int length)
    {
        if (x.Rank == 0)
            throw new ArgumentException("Narrow: cannot narrow a 0-d tensor; it has no dim to slice.");
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "Narrow");
        int size = x.ShapeArray[d];
        if (start < -size || start > size)
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"Narrow: start {start} is out of range for dim {d} of size {size} (shape {ShapeUtil.Format(x.ShapeArray)}); expected a start in [{-size}, {size}].");
        int s = start < 0 ? start + size : start;
        if (length < 0 || s + (long)length > size)
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"Narrow: start {s} + length {length} exceeds dim {d} of size {size} (shape {ShapeUtil.Format(x.ShapeArray)}); expected 0 <= length <= {size - s}.");
        return Slice(x, d, s, length);
    }

    /// <summary>The view of [start, start + length) along normalised <paramref name="dim"/> (checked by the caller).</summary>
    internal static Tensor Slice(Tensor x, int dim, int start, int length)
    {
        var from = x.StrideArray;
        var shape = (int[])x.ShapeArray.Clone();
        shape[dim] = length;
        var y = new Tensor(x.Storage, shape, from, x.StorageOffset + (length == 0 ? 0 : start * from[dim]), x.DType);
        return ShouldRecord(x) ? new Narrow { _inputShape = x.ShapeArray, _dim = dim, _start = start }.Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Embed.Forward(grad, _inputShape, _dim, _start)];

    /// <summary>
    /// The gradient is grad at start along dim and zeros elsewhere, so adding it into the input's waiting gradient
    /// only adds grad into that slice: for each index of the dims before dim, one contiguous run of
    /// length × (the dims after dim) elements, target + grad as the engine's sum with the zero-padded gradient does.
    /// </summary>
    internal override bool AddInputGradInto(Tensor grad, Tensor target)
    {
        if (target.DType is not (DType.Float32 or DType.Float64)) return false;
        grad = Contiguous.Values(grad);
        int outer = 1, inner = 1, size = _inputShape[_dim], length = grad.ShapeArray[_dim];
        for (int d = 0; d < _dim; d++) outer *= _inputShape[d];
        for (int d = _dim + 1; d < _inputShape.Length; d++) inner *= _inputShape[d];
        int run = length * inner;
        for (int o = 0; o < outer; o++)
        {
            int at = (o * size + _start) * inner;
            if (target.DType == DType.Float32)
                TensorPrimitives.Add(target.Span<float>().Slice(at, run), grad.Span<float>().Slice(o * run, run), target.Span<float>().Slice(at, run));
            else
                TensorPrimitives.Add(target.Span<double>().Slice(at, run), grad.Span<double>().Slice(o * run, run), target.Span<double>().Slice(at, run));
        }
        target.BumpVersion();
        return true;
    }
}
