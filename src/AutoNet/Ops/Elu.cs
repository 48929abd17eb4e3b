using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// PyTorch's elu kernel, which ELU and SELU share: y = scale · x where x &gt; 0, else scale · α · (e^(s·x) - 1) with
/// s the input scale (ELU: scale = s = 1; SELU: PyTorch's fixed α and scale). e^(s·x) - 1 is computed as expm1, so
/// that small negative x keep their digits (PyTorch 1.13 subtracts 1 from exp and, in float32, keeps only 3 digits
/// at x = -1e-5; TorchSharp's libtorch 2.10 gives the expm1 values). The product scale · α is taken in the tensor's
/// precision, as PyTorch.
/// d/dx = scale where x &gt; 0, else scale · α · s · e^(s·x); at x = 0 the second (PyTorch's elu_backward tests
/// x ≤ 0), so ELU's gradient at 0 is α and SELU's is scale · α. grad_x = grad · (pos · scale + neg · scale·α·s ·
/// e^(s·h(x))) with pos/neg constant 0/1 masks and h = Hardtanh(-∞, 0), which keeps e^(s·x) from overflowing where
/// it is unused and whose derivative is 1 only for x &lt; 0: so the second derivative is 0 at x = 0 and scale·α·s²·e^(s·x)
/// below, as PyTorch's elu_double_backward (which multiplies by x &lt; 0). A NaN input gets a NaN gradient (the
/// exponential term is NaN there, and 0 · NaN is NaN), where PyTorch passes scale · grad.
/// </summary>
internal sealed class Elu : Node
{
    private readonly SavedTensor _x;
    private readonly double _alpha, _scale, _inputScale;

    private Elu(Tensor x, double alpha, double scale, double inputScale)
    {
        _x = Save(x);
        (_alpha, _scale, _inputScale) = (alpha, scale, inputScale);
    }

    public static Tensor Forward(Tensor x, double alpha, double scale = 1, double inputScale = 1)
    {
        x = x.Contiguous();
        var y = Elementwise.Map(x, new Kernel(alpha, scale, inputScale));
        return ShouldRecord(x) ? new Elu(x, alpha, scale, inputScale).Attach(y, [x]) : y;
    }

    public override string Name => _scale == 1 && _inputScale == 1 ? $"Elu({_alpha})" : "Selu";

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var x = _x.Value;
        var negative = Elementwise.Map(x, default(NotPositive));
        var expPart = (Hardtanh.Forward(x, double.NegativeInfinity, 0) * _inputScale).Exp() * (_scale * _alpha * _inputScale);
        return [grad * (negative * expPart + (1.0 - negative) * _scale)];
    }

    private readonly struct Kernel(double alpha, double scale, double inputScale) : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T s = T.CreateTruncating(scale), negCoef = T.CreateTruncating(alpha) * s, inScale = T.CreateTruncating(inputScale);
            for (int i = 0; i < x.Length; i++)
                y[i] = x[i] <= T.Zero ? T.CreateTruncating(SpecialFunctions.Expm1(double.CreateTruncating(x[i] * inScale))) * negCoef : x[i] * s;
        }
    }

    /// <summary>1 where x ≤ 0 (the exponential branch), else 0 (also for NaN, as PyTorch's branch test).</summary>
    private readonly struct NotPositive : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] <= T.Zero ? T.One : T.Zero;
        }
    }
}
