namespace AutoNet.Ops;

/// <summary>
/// y = x converted to another dtype (float64 → float32 rounds to nearest; float32 → float64 is exact).
/// The derivative is the identity, so grad_x = grad converted back to x's dtype.
/// </summary>
internal sealed class Cast : Node
{
    private DType _from;

    public static Tensor Forward(Tensor x, DType dtype)
    {
        if (x.DType == dtype.Checked("To")) return x;
        var y = Tensor.ZeroFilled(x.ShapeArray, dtype, "To");
        var values = Contiguous.Values(x);
        if (dtype == DType.Float32)
        {
            var src = values.Span<double>();
            var dst = y.Span<float>();
            for (int i = 0; i < src.Length; i++) dst[i] = (float)src[i];
        }
        else
        {
            var src = values.Span<float>();
            var dst = y.Span<double>();
            for (int i = 0; i < src.Length; i++) dst[i] = src[i];
        }
        return ShouldRecord(x) ? new Cast { _from = x.DType }.Attach(y, [x]) : y;
    }

    public override string Name => "Cast";

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.To(_from)];
}
