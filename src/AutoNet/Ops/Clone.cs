using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = a copy of x in its own memory, recorded (PyTorch: <c>clone</c>): what backward under createGraph stores as
/// a leaf's first gradient when that gradient is also held elsewhere.
/// The Jacobian is the identity, so grad_x = grad.
/// </summary>
internal sealed class Clone : Node
{
    public static Tensor Forward(Tensor x)
    {
        var y = InPlace.Clone(x);
        return ShouldRecord(x) ? new Clone().Attach(y, [x]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) => [grad];
}
