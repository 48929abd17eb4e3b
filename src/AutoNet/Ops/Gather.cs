namespace AutoNet.Ops;

/// <summary>
/// y_i = x[i, index_i] for a 2-D x of shape [N, C] and N indices in [0, C): one value picked per row.
/// PyTorch: <c>x.gather(1, index[:, None]).squeeze(1)</c>, what nll_loss reads.
/// ∂y_i/∂x[i, j] = 1 if j = index_i else 0, so grad_x = grad[:, None] * onehot(index) (a constant mask).
/// </summary>
internal sealed class Gather : Node
{
    private readonly SavedTensor _onehot;

    private Gather(Tensor onehot) => _onehot = Save(onehot);

    /// <summary>Picks <c>x[i, index[i]]</c>; the caller has checked x is [N, C] and every index is in range.</summary>
    public static Tensor Forward(Tensor x, int[] index)
    {
        int n = x.ShapeArray[0], c = x.ShapeArray[1];
        var y = Tensor.ZeroFilled([n], x.DType);
        var values = Contiguous.Values(x);
        for (int i = 0; i < n; i++)
            if (x.DType == DType.Float32) y.Span<float>()[i] = values.Span<float>()[i * c + index[i]];
            else y.Span<double>()[i] = values.Span<double>()[i * c + index[i]];
        if (!ShouldRecord(x)) return y;
        var onehot = Tensor.ZeroFilled([n, c], x.DType);
        for (int i = 0; i < n; i++)
            if (x.DType == DType.Float32) onehot.Span<float>()[i * c + index[i]] = 1;
            else onehot.Span<double>()[i * c + index[i]] = 1;
        return new Gather(onehot).Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(grad.Count, 1) * _onehot.Value];

}
