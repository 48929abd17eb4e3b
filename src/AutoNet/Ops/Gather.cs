using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y[p] = x[p with coordinate dim replaced by index[p]], y of the index's shape. PyTorch: <c>gather</c>.
/// ∂y[p]/∂x[q] = 1 where q is the position y[p] read, so grad_x = zeros(x.shape).scatter_add(dim, index, grad):
/// an element read k times gets the sum of its k gradients.
/// </summary>
internal sealed class Gather : Node
{
    private readonly SavedTensor _index;
    private readonly int _dim;
    private readonly int[] _inputShape;

    private Gather(Tensor index, int dim, int[] inputShape) => (_index, _dim, _inputShape) = (Save(index), dim, inputShape);

    public static Tensor Forward(Tensor x, int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(x);
        const string op = "Gather";
        index = IndexChecks.Index(index, op, vector: false);
        int d = ShapeUtil.NormalizeDim(dim, x.Rank, op);
        CheckIndexShape(x.ShapeArray, index, d, op, "the input");
        IndexChecks.InRange(index, x.Rank == 0 ? 1 : x.ShapeArray[d], d, op);
        x = x.Contiguous();
        var y = Elementwise.Uninitialized(index.ShapeArray, x.DType);
        var ix = index.Span<long>();
        switch (x.Storage.Data)
        {
            case float[]: IndexLoops.Gather(x.Span<float>(), x.ShapeArray, ix, index.ShapeArray, y.Span<float>(), d); break;
            case double[]: IndexLoops.Gather(x.Span<double>(), x.ShapeArray, ix, index.ShapeArray, y.Span<double>(), d); break;
            case long[]: IndexLoops.Gather(x.Span<long>(), x.ShapeArray, ix, index.ShapeArray, y.Span<long>(), d); break;
            case bool[]: IndexLoops.Gather(x.Span<bool>(), x.ShapeArray, ix, index.ShapeArray, y.Span<bool>(), d); break;
            default: throw IndexChecks.Unsupported(x, op);
        }
        return ShouldRecord(x) ? new Gather(index, d, x.ShapeArray).Attach(y, [x]) : y;
    }

    /// <summary>
    /// x[i, index[i]] for a 2-D x of shape [N, C] and N indices the caller has checked: what nll_loss reads.
    /// PyTorch: <c>x.gather(1, index[:, None]).squeeze(1)</c>.
    /// </summary>
    public static Tensor Forward(Tensor x, int[] index)
    {
        var column = new long[index.Length];
        for (int i = 0; i < index.Length; i++) column[i] = index[i];
        return Forward(x, 1, Tensor.From(column, index.Length, 1)).Reshape(index.Length);
    }

    /// <summary>
    /// torch's rule for gather and scatter_add: the index has the input's rank and, apart from dim, sizes no larger
    /// than the input's.
    /// </summary>
    internal static void CheckIndexShape(int[] shape, Tensor index, int dim, string op, string what)
    {
        bool fits = index.Rank == shape.Length;
        for (int k = 0; fits && k < shape.Length; k++)
            fits = k == dim || index.ShapeArray[k] <= shape[k];
        if (!fits)
            throw new ArgumentException(index.Rank != shape.Length
                ? $"{op}: index has shape {ShapeUtil.Format(index.ShapeArray)} ({index.Rank} dims), expected {shape.Length} dims like {what} (shape {ShapeUtil.Format(shape)})."
                : $"{op}: index has shape {ShapeUtil.Format(index.ShapeArray)}, expected no larger than {what}'s shape {ShapeUtil.Format(shape)} apart from dim {dim}.", nameof(index));
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [ScatterAdd.IntoZeros(_inputShape, _dim, _index.Value, grad)];
}
