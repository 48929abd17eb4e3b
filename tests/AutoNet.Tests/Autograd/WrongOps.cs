// The namespace is not AutoNet.Tests.Autograd, which would hide the class AutoNet.Autograd from every test.
namespace AutoNet.Tests.GradChecks;

/// <summary>
/// Deliberately wrong ops for testing the gradient checks: each computes a correct forward and records a Node
/// subclass whose backward is wrong in a known way.
/// </summary>
internal static class WrongOps
{
    /// <summary>y = a * b (same shapes) whose gradient for b is wrong at one element (flat index
    /// <paramref name="wrongElement"/>), by the factor <paramref name="factor"/>.</summary>
    public static Tensor MulWrongAt(Tensor a, Tensor b, int wrongElement, double factor = 2.0)
    {
        Tensor y;
        using (AutoNet.Autograd.NoGrad()) y = a * b;
        return new WrongMulNode(wrongElement, factor).Attach(y, [a, b]);
    }

    /// <summary>y = x² with the backward of the first derivative right (2x·grad) but built from a detached x,
    /// so that its own derivative (the second derivative of x²) is lost.</summary>
    public static Tensor SquareWithDetachedBackward(Tensor x)
    {
        Tensor y;
        using (AutoNet.Autograd.NoGrad()) y = x * x;
        return new DetachedSquareNode().Attach(y, [x]);
    }

    /// <summary>y = 3x whose backward returns 2·grad everywhere (wrong for every element).</summary>
    public static Tensor TripleWithWrongBackward(Tensor x)
    {
        Tensor y;
        using (AutoNet.Autograd.NoGrad()) y = x * 3.0;
        return new WrongTripleNode().Attach(y, [x]);
    }

    /// <summary>y = 2x whose backward returns what <paramref name="backward"/> makes of the incoming gradient
    /// (a wrong number of gradients, or one of a wrong shape, for the engine's checks).</summary>
    public static Tensor DoubleWithBackward(Tensor x, Func<Tensor, Tensor?[]> backward)
    {
        Tensor y;
        using (AutoNet.Autograd.NoGrad()) y = x * 2.0;
        return new CustomBackward(backward).Attach(y, [x]);
    }

    private sealed class CustomBackward(Func<Tensor, Tensor?[]> backward) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => backward(grad);
    }

    private sealed class WrongMulNode(int wrongElement, double factor) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var ga = grad * Input(1);
            var gb = grad * Input(0);
            var scale = Tensor.OnesLike(gb);
            using (AutoNet.Autograd.NoGrad())
            {
                var values = scale.ToArray();
                values[wrongElement] = factor;
                scale = Tensor.From(values, [.. gb.Shape]);
            }
            return [ga, gb * scale];
        }
    }

    private sealed class DetachedSquareNode : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad * (2.0 * Input(0).Detach())];
    }

    private sealed class WrongTripleNode : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad * 2.0];
    }
}
