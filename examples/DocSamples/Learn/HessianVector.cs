using AutoNet;

namespace DocSamples.Learn;

/// <summary>A Hessian-vector product: differentiate the gradient, which
/// createGraph: true records as a graph of its own.</summary>
public static class HessianVector
{
    // f(x0, x1) = x0²·x1 + x1³
    static Tensor F(Tensor x0, Tensor x1) => x0 * x0 * x1 + x1.Pow(3);

    public static (double, double) Hv(double a, double b, double v0, double v1)
    {
        var (x0, x1) = (Tensor.Scalar(a), Tensor.Scalar(b));
        x0.RequiresGrad = x1.RequiresGrad = true;
        var g = Autograd.Grad([F(x0, x1)], [x0, x1], createGraph: true);
        var gv = g[0]! * v0 + g[1]! * v1;           // ∇f · v, a graph too
        var hv = Autograd.Grad([gv], [x0, x1]);     // ∇(∇f · v) = H v
        return (hv[0]!.Item(), hv[1]!.Item());
    }

    public static (double, double) Gradient(double a, double b)
    {
        var (x0, x1) = (Tensor.Scalar(a), Tensor.Scalar(b));
        x0.RequiresGrad = x1.RequiresGrad = true;
        var g = Autograd.Grad([F(x0, x1)], [x0, x1]);
        return (g[0]!.Item(), g[1]!.Item());
    }

    public static void Run(TextWriter o)
    {
        o.WriteLine($"grad f at (1, 2) = {Gradient(1, 2)}");
        o.WriteLine($"H v with v = (1, -1): {Hv(1, 2, 1, -1)}");
        // check: the slope of the gradient along v,
        // (∇f(x + εv) - ∇f(x - εv)) / 2ε
        const double eps = 1e-5;
        var (p0, p1) = Gradient(1 + eps, 2 - eps);
        var (m0, m1) = Gradient(1 - eps, 2 + eps);
        o.WriteLine($"measured:  ({(p0 - m0) / (2 * eps):F6}, " +
                    $"{(p1 - m1) / (2 * eps):F6})");
    }
}
