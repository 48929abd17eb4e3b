using AutoNet.Data;
using AutoNet.Nn;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.GradChecks;

/// <summary>
/// Gradients of gradients, checked without GradGradCheck: the first-order gradient is computed with
/// <c>createGraph: true</c> and differentiated again (one backward pass per element, a full Hessian), and compared
/// with central finite differences of the first-order gradient itself, and, where there is one, with the closed form.
/// </summary>
public class SecondOrderTests
{
    private const double Eps = 1e-6, Atol = 1e-7, Rtol = 1e-6;

    /// <summary>The first-order gradient of the scalar f at <paramref name="x"/>, for every input.</summary>
    private static Tensor[] FirstOrder(Func<Tensor[], Tensor> f, Tensor[] x, bool createGraph) =>
        Autograd.Grad([f(x)], x, createGraph: createGraph).Select((g, i) => g ?? Tensor.ZerosLike(x[i])).ToArray();

    /// <summary>
    /// H[i][k][j][m] = ∂(∂f/∂x_i[k]) / ∂x_j[m], analytically (double backward) and by central differences of the
    /// first-order gradient; asserts they agree and returns the analytical Hessian blocks, flattened per (i, j).
    /// </summary>
    private static double[][][] CheckHessian(Func<Tensor[], Tensor> f, params Tensor[] x)
    {
        var grads = FirstOrder(f, x, createGraph: true);
        var analytical = new double[x.Length][][];
        for (int i = 0; i < x.Length; i++)
        {
            analytical[i] = x.Select(xj => new double[grads[i].Count * xj.Count]).ToArray();
            for (int k = 0; k < grads[i].Count; k++)
            {
                var onehot = Tensor.Zeros(grads[i].ShapeArray);
                onehot.Span<double>()[k] = 1;
                var row = grads[i].RequiresGrad ? Autograd.Grad([grads[i]], x, [onehot], retainGraph: true) : new Tensor?[x.Length];
                for (int j = 0; j < x.Length; j++)
                    if (row[j] is { } r) Array.Copy(r.ToArray(), 0, analytical[i][j], k * x[j].Count, x[j].Count);
            }
        }

        for (int j = 0; j < x.Length; j++)
            for (int m = 0; m < x[j].Count; m++)
            {
                var plus = FirstOrder(f, Perturbed(x, j, m, +Eps), createGraph: false);
                var minus = FirstOrder(f, Perturbed(x, j, m, -Eps), createGraph: false);
                for (int i = 0; i < x.Length; i++)
                {
                    double[] p = plus[i].ToArray(), q = minus[i].ToArray();
                    for (int k = 0; k < p.Length; k++)
                    {
                        double numerical = (p[k] - q[k]) / (2 * Eps), a = analytical[i][j][k * x[j].Count + m];
                        Assert.True(Math.Abs(a - numerical) <= Atol + Rtol * Math.Abs(numerical),
                            $"∂²f/∂x{i}[{k}]∂x{j}[{m}]: double backward {a:R}, finite differences of the gradient {numerical:R}");
                    }
                }
            }
        return analytical;
    }

    private static Tensor[] Perturbed(Tensor[] x, int j, int m, double delta) => x.Select((t, i) =>
    {
        var values = t.ToArray();
        if (i == j) values[m] += delta;
        var copy = t.Rank == 0 ? Tensor.Scalar(values[0]) : Tensor.From(values, [.. t.Shape]);
        copy.RequiresGrad = true;
        return copy;
    }).ToArray();

    [Fact]
    public void Tanh_HessianIsDiagonal_MinusTwoTanhTimesSech2()
    {
        var x = Normal(1, "5", 1.5);
        var h = CheckHessian(t => t[0].Tanh().Sum(), x)[0][0];
        var v = x.ToArray();
        for (int k = 0; k < 5; k++)
            for (int m = 0; m < 5; m++)
            {
                double th = Math.Tanh(v[k]), expected = k == m ? -2 * th * (1 - th * th) : 0;
                Assert.Equal(expected, h[k * 5 + m], 14);
            }
    }

    [Fact]
    public void Gelu_HessianIsDiagonal_PhiTimesTwoMinusXSquared()
    {
        // gelu(x) = x Φ(x): gelu' = Φ + x φ, gelu'' = 2φ + x φ' = φ (2 − x²), φ the standard normal density.
        // The fused op's backward records itself as tensor ops under createGraph; this is that path.
        var x = Normal(21, "6", 1.7);
        var h = CheckHessian(t => t[0].Gelu().Sum(), x)[0][0];
        var v = x.ToArray();
        for (int k = 0; k < 6; k++)
        {
            double phi = Math.Exp(-v[k] * v[k] / 2) / Math.Sqrt(2 * Math.PI);
            Assert.Equal(phi * (2 - v[k] * v[k]), h[k * 6 + k], 13);
        }
    }

    [Fact]
    public void Sigmoid_HessianIsDiagonal_SigmaTimesOneMinusSigmaTimesOneMinusTwoSigma()
    {
        var x = Normal(2, "5", 2.0);
        var h = CheckHessian(t => t[0].Sigmoid().Sum(), x)[0][0];
        var v = x.ToArray();
        for (int k = 0; k < 5; k++)
        {
            double s = 1 / (1 + Math.Exp(-v[k]));
            Assert.Equal(s * (1 - s) * (1 - 2 * s), h[k * 5 + k], 14);
        }
    }

    [Fact]
    public void Exp_HessianIsDiagonal_Exp()
    {
        var x = Normal(3, "2x3");
        var h = CheckHessian(t => (t[0].Exp() * 0.5).Sum(), x)[0][0];
        var v = x.ToArray();
        for (int k = 0; k < 6; k++)
            for (int m = 0; m < 6; m++)
                Assert.Equal(k == m ? 0.5 * Math.Exp(v[k]) : 0, h[k * 6 + m], 13);
    }

    [Fact]
    public void Mul_MixedSecondDerivativeIsTheBroadcastIdentity()
    {
        // f = Σ a ⊙ b ⊙ w with a [3, 4], b [4]: ∂²f/∂a[i,j]∂b[m] = w[i,j]·δ(j, m), ∂²f/∂a² = 0.
        var w = Normal(4, [3, 4], requiresGrad: false);
        var h = CheckHessian(t => (t[0] * t[1] * w).Sum(), Normal(5, "3x4"), Normal(6, "4"));
        var wv = w.ToArray();
        Assert.All(h[0][0], v => Assert.Equal(0.0, v));
        for (int k = 0; k < 12; k++)
            for (int m = 0; m < 4; m++)
                Assert.Equal(k % 4 == m ? wv[k] : 0, h[0][1][k * 4 + m], 14);
    }

    [Fact]
    public void MatMul_SecondDerivatives()
    {
        // f = Σ W ⊙ tanh(A·B): A·B alone is bilinear; the tanh makes every block non-trivial.
        var w = Normal(7, [3, 2], requiresGrad: false);
        CheckHessian(t => (t[0].MatMul(t[1]).Tanh() * w).Sum(), Normal(8, "3x4"), Normal(9, "4x2"));
        var bilinear = CheckHessian(t => (t[0].MatMul(t[1]) * w).Sum(), Normal(10, "3x4"), Normal(11, "4x2"));
        Assert.All(bilinear[0][0], v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void SmallMlp_FullHessianOverInputsAndParameters()
    {
        // x [4, 3] → Linear(3, 5) → tanh → Linear(5, 1) → sigmoid → mean, the weights as inputs (38 variables).
        Func<Tensor[], Tensor> mlp = t =>
            ((t[0].MatMul(t[1].T) + t[2]).Tanh().MatMul(t[3].T) + t[4]).Sigmoid().Mean();
        CheckHessian(mlp, Normal(12, "4x3"), Normal(13, "5x3", 0.7), Normal(14, "5", 0.3), Normal(15, "1x5", 0.7), Normal(16, "1", 0.3));
    }

    [Fact]
    public void SmallMlpModule_GradientPenalty_MatchesFiniteDifferences()
    {
        // The WGAN-GP pattern: penalty = ‖∂out/∂x‖², its gradient with respect to the module's parameters.
        var model = new Sequential(new Linear(3, 5, generator: new NumPyRandomState(0)), new AutoNet.Nn.Tanh(),
            new Linear(5, 1, generator: new NumPyRandomState(1)));
        var x = Normal(17, "4x3");
        Tensor Penalty(bool createGraph)
        {
            var g = Autograd.Grad([model.Forward(x).Sum()], [x], createGraph: createGraph)[0]!;
            return (g * g).Sum();
        }

        var parameters = model.Parameters().ToArray();
        var analytical = Autograd.Grad([Penalty(createGraph: true)], parameters);
        // ∂out/∂x does not depend on the last bias: no gradient (null) for it, and its finite differences are 0.
        Assert.Null(analytical[^1]);
        for (int p = 0; p < parameters.Length; p++)
        {
            var a = (analytical[p] ?? Tensor.ZerosLike(parameters[p])).ToArray();
            var values = parameters[p].ToArray();
            for (int m = 0; m < values.Length; m++)
            {
                double Evaluate(double delta)
                {
                    var moved = (double[])values.Clone();
                    moved[m] += delta;
                    using (Autograd.NoGrad()) parameters[p].CopyFrom(Tensor.From(moved, [.. parameters[p].Shape]));
                    return Penalty(createGraph: false).Item();
                }
                double numerical = (Evaluate(Eps) - Evaluate(-Eps)) / (2 * Eps);
                using (Autograd.NoGrad()) parameters[p].CopyFrom(Tensor.From(values, [.. parameters[p].Shape]));
                Assert.True(Math.Abs(a[m] - numerical) <= Atol + Rtol * Math.Abs(numerical),
                    $"parameter {p} element {m}: double backward {a[m]:R}, finite differences {numerical:R}");
            }
        }
    }
}
