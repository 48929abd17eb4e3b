using System.Numerics;
using System.Runtime.InteropServices;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = tanh(x).
/// d/dx tanh(x) = 1 - tanh²(x), so grad_x = grad * ((1 - y) * (1 + y)). PyTorch's tanh_backward computes 1 - y·y
/// with a fused multiply-add, so it does not lose the digits that 1 - y·y rounded twice loses when |y| is near 1
/// (up to 2e-9 relative in float64 and 6e-5 in float32 at |x| ≈ 10); (1 - y)(1 + y) keeps them too.
/// </summary>
internal sealed class Tanh : Node
{
    private readonly SavedTensor _result;

    private Tanh(Tensor y) => _result = Save(y);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Tanh(y).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad * ((1.0 - _result.Value) * (1.0 + _result.Value))];

    private readonly struct Kernel : IUnaryKernel
    {
        // Not TensorPrimitives.Tanh: in System.Numerics.Tensors 10.0.0 it loses all precision for small |x| (it gives
        // tanh(1e-20) = -0 and, in float32, tanh(0) = -5.96e-08 and tanh(0.001) = 0.0009999728). float32 goes
        // through Float32Tanh (double precision, vectorised exp, rounded once); float64 through the scalar T.Tanh
        // (the C runtime's tanh), which agrees with PyTorch to an ulp.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float))
            {
                Float32Tanh.Run(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
                return;
            }
            for (int i = 0; i < x.Length; i++) y[i] = T.Tanh(x[i]);
        }
    }
}
