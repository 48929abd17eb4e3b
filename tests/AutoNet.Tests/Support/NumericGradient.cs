using AutoNet.Data;
using Xunit;

namespace AutoNet.Tests.Support;

/// <summary>
/// Central-difference gradient check in float64 (a stand-in until <c>Autograd.GradCheck</c> is on main): compares
/// the autograd gradient of s = Σ f(inputs) · v, for a fixed random v, with (s(x + ε) - s(x - ε)) / 2ε for every
/// element of every input. Inputs must be float64 leaves; those that require grad are checked; the function must be
/// deterministic (reseed any generator inside it). The function is passed as f.
/// </summary>
internal static class NumericGradient
{
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        var output = f(inputs);
        var v = new NumPyRandomState(12345).Randn(output.Shape.ToArray());
        var s = (output * v).Sum();
        var checkedInputs = inputs.Where(t => t.RequiresGrad).ToArray();
        var analyticChecked = Autograd.Grad([s], checkedInputs);
        var analytic = inputs.Select(t => Array.IndexOf(checkedInputs, t) is var j and >= 0 ? analyticChecked[j] : null).ToArray();
        for (int k = 0; k < inputs.Length; k++)
        {
            if (!inputs[k].RequiresGrad) continue;
            var x = inputs[k].Span<double>();
            for (int i = 0; i < x.Length; i++)
            {
                double saved = x[i];
                x[i] = saved + eps;
                double plus = Evaluate(f, inputs, v);
                x[i] = saved - eps;
                double minus = Evaluate(f, inputs, v);
                x[i] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic[k]?.GetFlat(i) ?? 0.0;
                Assert.True(Math.Abs(a - numeric) <= atol + rtol * Math.Abs(numeric),
                    $"input {k} element {i}: autograd gives {a:R}, central differences {numeric:R} (eps {eps}, atol {atol}, rtol {rtol})");
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor v)
    {
        using (Autograd.NoGrad()) return (f(inputs) * v).Sum().Item();
    }

    public static Tensor Leaf(NumPyRandomState rng, params int[] shape)
    {
        var t = rng.Randn(shape);
        t.RequiresGrad = true;
        return t;
    }
}
