using AutoNet;

namespace DocSamples.Learn;

/// <summary>A derivative is a slope you can measure: nudge x by h, see how far
/// f moves, divide. Then the same number from autograd.</summary>
public static class Slope
{
    static double F(double x) => 3 * x * x - 4 * x + 5;

    public static void Run(TextWriter o)
    {
        double x = 3.0;
        o.WriteLine($"f(3) = {F(x)}");
        foreach (double h in new[] { 0.1, 0.001, 1e-6, 1e-12 })
        {
            double slope = (F(x + h) - F(x)) / h;
            o.WriteLine($"h = {h,-6}  (f(3 + h) - f(3)) / h = {slope:R}");
        }

        var t = Tensor.Scalar(3.0);
        t.RequiresGrad = true;
        var f = t * t * 3.0 - t * 4.0 + 5.0;   // the same f, on a tensor
        f.Backward();
        o.WriteLine($"autograd: df/dx at 3 = {t.Grad!.Item()}");   // 6x - 4
    }
}
