using AutoNet;

namespace DocSamples.GettingStarted;

/// <summary>Getting started, part 1: a tensor, an op, a gradient.</summary>
public static class FirstGradient
{
    public static void Run()
    {
        var x = Tensor.From([1.0, 2.0, 3.0], 3);
        x.RequiresGrad = true;          // record what is computed from x

        var y = (x * x).Sum();          // y = x₁² + x₂² + x₃²
        y.Backward();                   // dy/dx = 2x, accumulated into x.Grad

        Console.WriteLine(y);
        Console.WriteLine(x.Grad);
    }
}
