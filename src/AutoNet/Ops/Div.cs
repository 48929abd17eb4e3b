using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = a / b elementwise, broadcasting. A primitive (not a * b^-1) so that it rounds once, as PyTorch does.
/// d/da = 1/b, d/db = -a/b², so grad_a = grad / b, grad_b = -grad * ((a / b) / b) (PyTorch's
/// div_tensor_other_backward, same order of operations; the engine sums a broadcast input's gradient down to its shape).
/// </summary>
internal sealed class Div : Node
{
    private readonly SavedTensor _a, _b;

    private Div(Tensor a, Tensor b)
    {
        _a = Save(a);
        _b = Save(b);
    }

    public static Tensor Forward(Tensor a, Tensor b)
    {
        (a, b, var shape) = Broadcasting.Prepare(a, b, "Div");
        var y = Elementwise.Binary(a, b, shape, default(Kernel));
        return ShouldRecord(a, b) ? new Div(a, b).Attach(y, [a, b]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? grad / _b.Value : null,
        NeedsInputGrad(1) ? -grad * (_a.Value / _b.Value / _b.Value) : null,
    ];

    private readonly struct Kernel : IBinaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, d);
        public void Run<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, d);
        public void Run<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, d);
    }
}
