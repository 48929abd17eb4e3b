using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x converted to another dtype, any of the four to any other, as PyTorch's <c>to(dtype)</c>
/// (float64 → float32 rounds to nearest; float → int64 truncates toward zero; → bool is x != 0; bool → 1 or 0).
/// The derivative is the identity, so grad_x = grad converted back to x's dtype. Only a float → float cast is
/// recorded: an Int64 or Bool result never requires grad (Node.Attach), as in PyTorch.
/// </summary>
internal sealed class Cast : Node
{
    private DType _from;

    public static Tensor Forward(Tensor x, DType dtype)
    {
        if (x.DType == dtype.Checked("To")) return x;
        x = x.Contiguous();
        var y = Elementwise.Uninitialized(x.ShapeArray, dtype);
        switch (x.DType)
        {
            case DType.Float64: From(x.Span<double>(), y); break;
            case DType.Float32: From(x.Span<float>(), y); break;
            case DType.Int64: From(x.Span<long>(), y); break;
            default:
                var b = x.Span<bool>();
                switch (dtype)
                {
                    case DType.Float64: ElementConversion.FromBool(b, y.Span<double>()); break;
                    case DType.Float32: ElementConversion.FromBool(b, y.Span<float>()); break;
                    default: ElementConversion.FromBool(b, y.Span<long>()); break;
                }
                break;
        }
        return ShouldRecord(x) ? new Cast { _from = x.DType }.Attach(y, [x]) : y;
    }

    private static void From<T>(ReadOnlySpan<T> s, Tensor y) where T : unmanaged, INumberBase<T>
    {
        switch (y.DType)
        {
            case DType.Float64: ElementConversion.Numeric(s, y.Span<double>()); break;
            case DType.Float32: ElementConversion.Numeric(s, y.Span<float>()); break;
            case DType.Int64: ElementConversion.Numeric(s, y.Span<long>()); break;
            default: ElementConversion.ToBool(s, y.Span<bool>()); break;
        }
    }

    public override string Name => "Cast";

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.To(_from)];
}
