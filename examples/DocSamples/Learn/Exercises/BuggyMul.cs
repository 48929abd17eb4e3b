using AutoNet;

namespace DocSamples.Learn.Exercises;

/// <summary>Exercise 2: x · y elementwise. One line of Backward is wrong.
/// </summary>
public sealed class BuggyMul : Autograd.Function
{
    private SavedTensor _x = null!, _y = null!;

    protected override Tensor Forward(Tensor[] inputs)
    {
        _x = Save(inputs[0]);
        _y = Save(inputs[1]);
        return inputs[0] * inputs[1];
    }

    // d(x·y)/dx = y and d(x·y)/dy = x
    protected override Tensor?[] Backward(Tensor grad) =>
        [grad * _x.Value, grad * _y.Value];
}
