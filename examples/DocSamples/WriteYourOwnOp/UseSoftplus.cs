using AutoNet;

namespace DocSamples.WriteYourOwnOp;

/// <summary>Using the op: apply a new instance each time; backward goes through it like any other op.</summary>
public static class UseSoftplus
{
    public static void Run()
    {
        var x = Tensor.From([-2.0, 0.0, 3.0], 3);
        x.RequiresGrad = true;

        var y = new SoftplusFunction().Apply(x);   // one instance per use: it is the graph node
        y.Sum().Backward();

        Console.WriteLine(y);
        Console.WriteLine(x.Grad);                 // σ(x)
    }
}
