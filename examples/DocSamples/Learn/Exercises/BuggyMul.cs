using AutoNet;

namespace DocSamples.Learn.Exercises;

/// <summary>Exercise 2: x · y elementwise. One line of Backward is wrong.
/// </summary>
public sealed class BuggyMul : Autograd.Function
{
    private Tensor _x = null!, _y = null!;

    protected override Tensor Forward(Tensor[] inputs)
    {
        _x = Save(inputs[0]);
        _y = Save(inputs[1]);
        return _x * _y;
    }

    // d(x·y)/dx = y and d(x·y)/dy = x
    protected override Tensor?[] Backward(Tensor grad) =>
        [grad * _x, grad * _y];
}
