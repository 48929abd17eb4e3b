using System.Numerics;
using System.Runtime.InteropServices;
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
        // Not TensorPrimitives.Exp: in System.Numerics.Tensors 10.0.0 its vector path gives exp(0) = 1.0000001f and
        // results that depend on the tensor's length. float32 goes through Float32Exp (vectorised, glibc's expf bit for
        // bit); float64 through the C runtime's exp, one element at a time.
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float))
            {
                Float32Exp.Run(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
                return;
            }
            for (int i = 0; i < x.Length; i++) y[i] = T.Exp(x[i]);
        }
    }
}
