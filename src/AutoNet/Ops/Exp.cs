using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = exp(x).
/// d/dx exp(x) = exp(x) = y, so grad_x = grad * y (the result is saved, not recomputed).
/// </summary>
internal sealed class Exp : Node
{
    private readonly SavedTensor _result;

    private Exp(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Exp(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * _result.Value];

    internal readonly struct Kernel : IUnaryKernel
    {
        // Per element, not TensorPrimitives.Exp: in System.Numerics.Tensors 10.0.0 its vector path gives exp(0) = 1.0000001f and results that depend on the tensor's length.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> { for (int i = 0; i < x.Length; i++) y[i] = T.Exp(x[i]); }
    }
}
