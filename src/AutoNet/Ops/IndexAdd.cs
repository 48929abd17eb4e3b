using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x with source's slices added at the indexed positions: y[..., index[j], ...] += source[..., j, ...] (a
/// repeated index accumulates). PyTorch: <c>index_add</c> (alpha 1).
/// ∂y/∂x = 1 and ∂y[..., index[j], ...]/∂source[..., j, ...] = 1, so grad_x = grad and
/// grad_source = grad.index_select(dim, index).
/// </summary>
internal sealed class IndexAdd : Node
{
    private readonly SavedTensor _index;
    private readonly int _dim;
    private readonly int[] _sourceShape;

    private IndexAdd(Tensor index, int dim, int[] sourceShape) => (_index, _dim, _sourceShape) = (Save(index), dim, sourceShape);

    public static Tensor Forward(Tensor x, int dim, Tensor index, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Run(x, x.ShapeArray, x.DType, dim, index, source);
    }

    /// <summary>zeros(shape).index_add(dim, index, source) without copying the zeros: IndexSelect's backward.</summary>
    internal static Tensor IntoZeros(int[] shape, int dim, Tensor index, Tensor source) => Run(null, shape, source.DType, dim, index, source);

    private static Tensor Run(Tensor? x, int[] shape, DType dtype, int dim, Tensor index, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        const string op = "IndexAdd";
        index = IndexChecks.Index(index, op, vector: true);
        if (x is not null) IndexChecks.SameDType(x, source, "source", op);
        int d = ShapeUtil.NormalizeDim(dim, shape.Length, op);
        var (outer, size, inner) = ShapeUtil.Split(shape, d);
        bool fits = source.Rank == shape.Length;
        for (int k = 0; fits && k < shape.Length; k++)
            fits = k == d ? source.ShapeArray[k] == index.Count : source.ShapeArray[k] == shape[k];
        if (shape.Length == 0) fits = source.Rank == 0 && index.Count == 1;
        if (!fits)
        {
            var expected = (int[])shape.Clone();
            if (expected.Length > 0) expected[d] = index.Count;
            throw new ArgumentException(
                $"{op}: source has shape {ShapeUtil.Format(source.ShapeArray)}, expected {ShapeUtil.Format(expected)} (the input's shape {ShapeUtil.Format(shape)} with dim {d} the number of indices, {index.Count}).", nameof(source));
        }
        // IntoZeros (x null) is a backward: the forward that saved this index checked it against the same dim size
        if (x is not null) IndexChecks.InRange(index, size, d, op);
        source = source.Contiguous();
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
            case float[]: IndexLoops.Add(y.Span<float>(), ix, source.Span<float>(), outer, size, inner); break;
            case double[]: IndexLoops.Add(y.Span<double>(), ix, source.Span<double>(), outer, size, inner); break;
            case long[]: IndexLoops.Add(y.Span<long>(), ix, source.Span<long>(), outer, size, inner); break;
            default: throw IndexChecks.Unsupported(y, op);
        }
        bool record = GradMode.IsEnabled && (source.RequiresGrad || x is { RequiresGrad: true });
        if (!record) return y;
        return new IndexAdd(index, d, source.ShapeArray).Attach(y, [x ?? Tensor.ZeroFilled(shape, dtype, op), source]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad : null,
        NeedsInputGrad(1) ? grad.IndexSelect(_dim, _index.Value).Reshape(_sourceShape) : null,
    ];
}
