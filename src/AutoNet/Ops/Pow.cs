using System.Numerics;
using System.Numerics.Tensors;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = x^p for a constant exponent p.
/// d/dx x^p = p · x^(p-1), so grad_x = grad * (p * x^(p-1)), and 0 when p = 0 (PyTorch's pow_backward).
/// </summary>
internal sealed class Pow : Node
{
    private readonly SavedTensor _x;
    private readonly double _exponent;

    private Pow(Tensor x, double exponent)
    {
        _x = Save(x);
        _exponent = exponent;
    }

    public static Tensor Forward(Tensor x, double exponent)
    {
        var y = Elementwise.Map(x, new Kernel(exponent));
        return ShouldRecord(x) ? new Pow(x, exponent).Attach(y, [x]) : y;
    }

    public override string Name => $"Pow({_exponent})";

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [_exponent == 0 ? Tensor.ZerosLike(grad) : grad * (_exponent * _x.Value.Pow(_exponent - 1))];

    private readonly struct Kernel(double exponent) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            // The same special cases as PyTorch's pow kernel, so results agree to the bit.
            switch (exponent)
            {
                case 1: x.CopyTo(y); break;
                case 2: TensorPrimitives.Multiply(x, x, y); break;
                case 3: TensorPrimitives.Multiply(x, x, y); TensorPrimitives.Multiply(y, x, y); break;
                case 0.5: TensorPrimitives.Sqrt(x, y); break;
                case -0.5: TensorPrimitives.Sqrt(x, y); TensorPrimitives.Divide(T.One, y, y); break;
                case -1: TensorPrimitives.Divide(T.One, x, y); break;
                case -2: TensorPrimitives.Multiply(x, x, y); TensorPrimitives.Divide(T.One, y, y); break;
                default: TensorPrimitives.Pow(x, T.CreateTruncating(exponent), y); break;
            }
        }
    }
}
