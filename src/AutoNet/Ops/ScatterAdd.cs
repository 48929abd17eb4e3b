using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x with src's elements added at the indexed positions: y[p with coordinate dim replaced by index[p]] += src[p]
/// for every position p of the index (a repeated target accumulates). PyTorch: <c>scatter_add</c>.
/// ∂y/∂x = 1 and ∂y[q]/∂src[p] = 1 where p is added into q, so grad_x = grad and grad_src = grad.gather(dim, index),
/// zero-padded to src's shape where src is larger than the index (its extra elements are not read; torch 1.13
/// returns a gradient of the wrong shape there).
/// </summary>
internal sealed class ScatterAdd : Node
{
    private readonly SavedTensor _index;
    private readonly int _dim;
    private readonly int[] _srcShape;

    private ScatterAdd(Tensor index, int dim, int[] srcShape) => (_index, _dim, _srcShape) = (Save(index), dim, srcShape);

    public static Tensor Forward(Tensor x, int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Run(x, x.ShapeArray, x.DType, dim, index, src);
    }

    /// <summary>zeros(shape).scatter_add(dim, index, src) without copying the zeros: Gather's backward.</summary>
    internal static Tensor IntoZeros(int[] shape, int dim, Tensor index, Tensor src) => Run(null, shape, src.DType, dim, index, src);

    private static Tensor Run(Tensor? x, int[] shape, DType dtype, int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(src);
        const string op = "ScatterAdd";
        index = IndexChecks.Index(index, op, vector: false);
        if (x is not null) IndexChecks.SameDType(x, src, "src", op);
        int d = ShapeUtil.NormalizeDim(dim, shape.Length, op);
        Gather.CheckIndexShape(shape, index, d, op, "the input");
        bool fits = src.Rank == index.Rank;
        for (int k = 0; fits && k < index.Rank; k++) fits = index.ShapeArray[k] <= src.ShapeArray[k];
        if (!fits)
            throw new ArgumentException(
                $"{op}: index has shape {ShapeUtil.Format(index.ShapeArray)}, expected no larger than src's shape {ShapeUtil.Format(src.ShapeArray)} in every dim (and as many dims).", nameof(src));
        // IntoZeros (x null) is a backward: the forward that saved this index checked it against the same dim size
        if (x is not null) IndexChecks.InRange(index, shape.Length == 0 ? 1 : shape[d], d, op);
        src = src.Contiguous();
        Tensor y;
        if (x is null) y = Tensor.ZeroFilled(shape, dtype, op);
        else
        {
            y = Elementwise.Uninitialized(shape, dtype);
            Copying.Box(x.Contiguous(), shape, new int[shape.Length], y, new int[shape.Length], shape);
        }
        var ix = index.Span<long>();
        switch (y.Storage.Data)
        {
            case float[]: IndexLoops.ScatterAdd(y.Span<float>(), shape, ix, index.ShapeArray, src.Span<float>(), src.ShapeArray, d); break;
            case double[]: IndexLoops.ScatterAdd(y.Span<double>(), shape, ix, index.ShapeArray, src.Span<double>(), src.ShapeArray, d); break;
            case long[]: IndexLoops.ScatterAdd(y.Span<long>(), shape, ix, index.ShapeArray, src.Span<long>(), src.ShapeArray, d); break;
            default: throw IndexChecks.Unsupported(y, op);
        }
        bool record = GradMode.IsEnabled && (src.RequiresGrad || x is { RequiresGrad: true });
        if (!record) return y;
        return new ScatterAdd(index, d, src.ShapeArray).Attach(y, [x ?? Tensor.ZeroFilled(shape, dtype, op), src]);
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        if (!NeedsInputGrad(1)) return [NeedsInputGrad(0) ? grad : null, null];
        var index = _index.Value;
        var picked = grad.Gather(_dim, index);
        if (!picked.ShapeArray.AsSpan().SequenceEqual(_srcShape))
        {
            var after = new int[_srcShape.Length];
            for (int k = 0; k < after.Length; k++) after[k] = _srcShape[k] - index.ShapeArray[k];
            picked = Pad.Forward(picked, new int[after.Length], after, 0);
        }
        return [NeedsInputGrad(0) ? grad : null, picked];
    }
}
