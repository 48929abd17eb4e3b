using AutoNet;

namespace DocSamples.Learn;

/// <summary>Backward computes vᵀJ, a vector-Jacobian product, without ever
/// building J; a whole Jacobian takes one backward pass per output.</summary>
public static class Jacobians
{
    public static void Run(TextWriter o)
    {
        // y = x² elementwise: J is diagonal, J = diag(2x) = diag(2, 4, 6)
        var x = Tensor.From([1.0, 2.0, 3.0], 3);
        x.RequiresGrad = true;
        var y = x * x;
        var v = Tensor.From([1.0, 0.5, -1.0], 3);   // v = dL/dy
        y.Backward(v);
        o.WriteLine($"vJ = {x.Grad}");              // dL/dx = vᵀJ

        // z = W·u: J = W, recovered one row per backward pass
        var W = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var u = Tensor.From([1.0, -1.0, 2.0], 3);
        u.RequiresGrad = true;
        var z = W.MatMul(u);
        for (int i = 0; i < 2; i++)
        {
            var e = Tensor.From(i == 0 ? new[] { 1.0, 0.0 } : [0.0, 1.0], 2);
            var row = Autograd.Grad([z], [u], [e], retainGraph: true)[0];
            o.WriteLine($"row {i} of J: {row}");
        }
    }
}
