using System.Numerics;
using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The elementwise binary cross-entropy of logits x against targets y, with an optional positive-class weight pw
/// (broadcast to x's shape), as PyTorch defines it:
/// ℓ = (1 - y) · x + (1 + (pw - 1) · y) · softplus(-x), where softplus(-x) = -log σ(x) = log(1 + e^(-|x|)) + max(-x, 0)
/// is computed without overflow, so ℓ is finite and accurate for any finite x (pw = 1 without a weight).
/// A fused primitive (principle 2) for that stability. With L = 1 + (pw - 1) · y:
/// ∂ℓ/∂x = L · σ(x) - pw · y (PyTorch: (pw·y + 1 - y) · σ(x) - pw·y),
/// ∂ℓ/∂y = (pw - 1) · softplus(-x) - x (PyTorch: log(1 - σ(x)) - pw · log σ(x), the same value, without its overflow),
/// ∂ℓ/∂pw = y · softplus(-x) (PyTorch 1.13 refuses this gradient; AutoNet gives it).
/// </summary>
internal sealed class BinaryCrossEntropyWithLogits : Node
{
    private Tensor _x = null!, _y = null!;
    private Tensor? _pw;

    /// <summary>The per-element loss; <paramref name="y"/> has x's shape and dtype, <paramref name="pw"/> broadcasts to it.</summary>
    public static Tensor Forward(Tensor x, Tensor y, Tensor? pw)
    {
        var loss = Tensor.Empty(x.ShapeArray, x.DType);
        var pwFull = pw is null ? null
            : pw.ShapeArray.AsSpan().SequenceEqual(x.ShapeArray) ? pw : Elementwise.BroadcastTo(pw, x.ShapeArray);
        if (x.DType == DType.Float32) Compute<float>(x.Span<float>(), y.Span<float>(), pwFull is null ? default : pwFull.Span<float>(), loss.Span<float>());
        else Compute<double>(x.Span<double>(), y.Span<double>(), pwFull is null ? default : pwFull.Span<double>(), loss.Span<double>());
        bool record = GradMode.IsEnabled && (x.RequiresGrad || y.RequiresGrad || (pw?.RequiresGrad ?? false));
        if (!record) return loss;
        var node = new BinaryCrossEntropyWithLogits();
        node._x = node.Save(x);
        node._y = node.Save(y);
        node._pw = pw is null ? null : node.Save(pw);
        return node.Attach(loss, pw is null ? [x, y] : [x, y, pw]);
    }

    private static void Compute<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> pw, Span<T> loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T spNeg = SoftplusOfNegative(x[i]);
            T weight = pw.IsEmpty ? T.One : T.One + (pw[i] - T.One) * y[i];
            loss[i] = (T.One - y[i]) * x[i] + weight * spNeg;
        }
    }

    /// <summary>softplus(-x) = log(1 + e^(-x)) = log1p(e^(-|x|)) + max(-x, 0): never overflows.</summary>
    private static T SoftplusOfNegative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.LogP1(T.Exp(-T.Abs(x))) + T.Max(-x, T.Zero);

    /// <summary>softplus(-x) in Tensor ops, so that the backward pass can itself be differentiated.</summary>
    private static Tensor SoftplusOfNegative(Tensor x) => (-x.Abs()).Exp().Log1p() + (-x).Relu();

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        Tensor? gx = null, gy = null, gpw = null;
        if (NeedsInputGrad(0))
        {
            var sig = _x.Sigmoid();
            gx = _pw is null ? grad * (sig - _y) : grad * ((_pw * _y + 1.0 - _y) * sig - _pw * _y);
        }
        if (NeedsInputGrad(1))
            gy = _pw is null ? grad * -_x : grad * ((_pw - 1.0) * SoftplusOfNegative(_x) - _x);
        if (_pw is not null && NeedsInputGrad(2))
            gpw = Broadcasting.Unbroadcast(grad * _y * SoftplusOfNegative(_x), _pw);
        return _pw is null ? [gx, gy] : [gx, gy, gpw];
    }

    protected internal override void Release()
    {
        base.Release();
        _x = _y = null!;
        _pw = null;
    }
}
