using AutoNet;
using AutoNet.Visualization;

namespace DocSamples.Learn;

/// <summary>L = (a·b + 10) · a·b: the value e = a·b is used twice.</summary>
public static class ChainRule
{
    public static (Tensor A, Tensor B, Tensor E, Tensor D, Tensor L) Build(
        double a0 = 2.0, double b0 = -3.0)
    {
        var a = Tensor.Scalar(a0);
        var b = Tensor.Scalar(b0);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        var e = a * b;       // -6
        var d = e + 10.0;    //  4
        var L = d * e;       // -24: e is used by d and by L
        return (a, b, e, d, L);
    }

    /// <summary>The graph's names, for the pictures and the trace.</summary>
    public static GraphExportOptions Names(
        (Tensor A, Tensor B, Tensor E, Tensor D, Tensor L) g) =>
        new() { Names = { [g.A] = "a", [g.B] = "b", [g.E] = "e",
                          [g.D] = "d", [g.L] = "L" } };
}
