using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = 0 where the constant mask is nonzero, x elsewhere (broadcasting): PyTorch's <c>where(mask, 0, x)</c> /
/// <c>masked_fill(mask, 0)</c> for the gradient formulas that need it (Pow, Std), where multiplying by a 0/1 mask
/// would turn an infinite unused value into NaN. The mask is a float tensor of 0s and 1s that needs no gradient.
/// d/dx = 0 where masked, 1 elsewhere, so grad_x = ZeroWhere(grad, mask) (the engine sums it to x's shape).
/// </summary>
internal sealed class ZeroWhere : Node
{
    private readonly SavedTensor _mask;

    private ZeroWhere(Tensor mask) => _mask = Save(mask);

    public static Tensor Forward(Tensor x, Tensor mask)
    {
        x = x.Contiguous();
        mask = mask.Contiguous();
        var shape = Internal.ShapeUtil.Broadcast(x.ShapeArray, mask.ShapeArray, "ZeroWhere");
        var y = Elementwise.Binary(x, mask, shape, default(Kernel));
        return ShouldRecord(x) ? new ZeroWhere(mask).Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [Forward(grad, _mask.Value)];

    private readonly struct Kernel : IBinaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> m, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = m[i] != T.Zero ? T.Zero : x[i];
        }

        public void Run<T>(ReadOnlySpan<T> x, T m, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (m != T.Zero) y.Clear(); else x.CopyTo(y);
        }

        public void Run<T>(T x, ReadOnlySpan<T> m, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++) y[i] = m[i] != T.Zero ? T.Zero : x;
        }
    }

    /// <summary>The mask of the zeros of x: 1 where x == 0 (either sign), else 0 (NaN gives 0).</summary>
    internal readonly struct IsZero : IUnaryKernel
    {
        public void Run<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < x.Length; i++) y[i] = x[i] == T.Zero ? T.One : T.Zero;
        }
    }
}
