using AutoNet;

namespace DocSamples.Learn.Exercises;

/// <summary>Exercise 3, the answer: sin as an Autograd.Function.
/// d/dx sin x = cos x, and d/dx cos x = -sin x.</summary>
public sealed class SinFunction : Autograd.Function
{
    private SavedTensor _x = null!;

    protected override Tensor Forward(Tensor[] inputs)
    {
        _x = Save(inputs[0]);
        return Map(inputs[0], Math.Sin);
    }

    // Written with Functions, not numbers, so backward is recorded
    // too: second derivatives work.
    protected override Tensor?[] Backward(Tensor grad) =>
        [grad * new CosFunction().Apply(_x.Value)];

    public static Tensor Map(Tensor x, Func<double, double> f) =>
        Tensor.From([.. x.ToArray().Select(f)], [.. x.Shape]);
}

/// <summary>cos, whose backward uses sin: the pair differentiates forever.
/// </summary>
public sealed class CosFunction : Autograd.Function
{
    private SavedTensor _x = null!;

    protected override Tensor Forward(Tensor[] inputs)
    {
        _x = Save(inputs[0]);
        return SinFunction.Map(inputs[0], Math.Cos);
    }

    protected override Tensor?[] Backward(Tensor grad) =>
        [-grad * new SinFunction().Apply(_x.Value)];
}
