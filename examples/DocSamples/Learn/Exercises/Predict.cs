using AutoNet;

namespace DocSamples.Learn.Exercises;

/// <summary>Exercise 1: predict a.Grad after one backward, then after two.
/// </summary>
public static class Predict
{
    public static (double First, double Second) Run()
    {
        var a = Tensor.Scalar(3.0);
        a.RequiresGrad = true;
        var L = a * a + a;

        L.Backward(retainGraph: true);
        double first = a.Grad!.Item();
        L.Backward();
        return (first, a.Grad!.Item());
    }
}
