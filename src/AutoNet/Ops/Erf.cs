using System.Numerics;
using System.Runtime.InteropServices;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = erf(x) = 2/√π ∫₀ˣ e^(-t²) dt (see <see cref="SpecialFunctions.Erf"/>; float32 is computed in float64 and
/// rounded, by the vectorised series of <see cref="Float32Erf"/>).
/// d/dx erf(x) = 2/√π · e^(-x²), so grad_x = grad * (2/√π) * exp(-x²) (PyTorch's derivatives.yaml: erf).
/// </summary>
internal sealed class Erf : Node
{
    private readonly SavedTensor _x;

    private Erf(Tensor x) => _x = Save(x);

    public static Tensor Forward(Tensor x)
    {
        var y = Elementwise.Map(x, default(Kernel));
        return ShouldRecord(x) ? new Erf(x).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [grad * (SpecialFunctions.TwoOverSqrtPi * (-(_x.Value * _x.Value)).Exp())];

    internal readonly struct Kernel : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float))
            {
                Float32Erf.Run(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y)); // vectorised, same rounding
                return;
            }
            for (int i = 0; i < x.Length; i++)
                y[i] = T.CreateTruncating(SpecialFunctions.Erf(double.CreateTruncating(x[i])));
        }
    }
}
