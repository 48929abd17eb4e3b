using AutoNet;

namespace DocSamples.Learn.Exercises;

/// <summary>Exercise 2, the answer: each input's gradient is the upstream
/// gradient times the other input.</summary>
public sealed class FixedMul : Autograd.Function
{
    private SavedTensor _x = null!, _y = null!;

    protected override Tensor Forward(Tensor[] inputs)
    {
        _x = Save(inputs[0]);
        _y = Save(inputs[1]);
        return inputs[0] * inputs[1];
    }

    protected override Tensor?[] Backward(Tensor grad) =>
        [grad * _y.Value, grad * _x.Value];
}
