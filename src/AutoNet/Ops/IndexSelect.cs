using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x with dim <c>dim</c> replaced by the picked slices: y[..., j, ...] = x[..., index[j], ...]. PyTorch:
/// <c>index_select</c>. ∂y[..., j, ...]/∂x[..., k, ...] = 1 where index[j] = k, so grad_x = zeros(x.shape)
/// .index_add(dim, index, grad): a slice picked k times gets the sum of its k gradients.
/// </summary>
internal sealed class IndexSelect : Node
{
    private readonly SavedTensor _index;
    private readonly int _dim;
    private readonly int[] _inputShape;

    private IndexSelect(Tensor index, int dim, int[] inputShape) => (_index, _dim, _inputShape) = (Save(index), dim, inputShape);

    public static Tensor Forward(Tensor x, int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(x);
        index = IndexChecks.Index(index, "IndexSelect", vector: true);
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, "IndexSelect");
        x = x.Contiguous();
        var (outer, size, inner) = ShapeUtil.Split(x.ShapeArray, d);
        IndexChecks.InRange(index, size, d, "IndexSelect");
        int[] shape;
        if (x.Rank == 0)
        {
            if (index.Count != 1)
                throw new ArgumentException($"IndexSelect: a 0-d input takes exactly one index, got index of shape {ShapeUtil.Format(index.ShapeArray)}.", nameof(index));
            shape = [];
        }
        else
        {
            shape = (int[])x.ShapeArray.Clone();
            shape[d] = index.Count;
        }
        var y = Elementwise.Uninitialized(shape, x.DType);
        var ix = index.Span<long>();
        switch (x.Storage.Data)
        {
            case float[]: IndexLoops.Select(x.Span<float>(), ix, y.Span<float>(), outer, size, inner); break;
            case double[]: IndexLoops.Select(x.Span<double>(), ix, y.Span<double>(), outer, size, inner); break;
            case long[]: IndexLoops.Select(x.Span<long>(), ix, y.Span<long>(), outer, size, inner); break;
            case bool[]: IndexLoops.Select(x.Span<bool>(), ix, y.Span<bool>(), outer, size, inner); break;
            default: throw IndexChecks.Unsupported(x, "IndexSelect");
        }
        return ShouldRecord(x) ? new IndexSelect(index, d, x.ShapeArray).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [IndexAdd.IntoZeros(_inputShape, _dim, _index.Value, grad)];
}
