namespace AutoNet.TorchSharp;

/// <summary>
/// The gradient of ⟨g, f(x)⟩ by central differences in float64: for each element k of one input,
/// (⟨g, f(x + ε·eₖ)⟩ - ⟨g, f(x - ε·eₖ)⟩) / 2ε, which is the k-th element of the vector-Jacobian product gᵀ·∂f/∂x
/// that backward computes. The function is evaluated with grad mode off on float64 copies of the inputs.
/// </summary>
internal static class FiniteDifferences
{
    /// <summary>The numerical gᵀ·∂f/∂xᵢ for input <paramref name="index"/>, shaped like that input, float64.</summary>
    public static Tensor VectorJacobianProduct(Func<Tensor[], Tensor> function, Tensor[] inputs, int index, Tensor gradOutput, double eps, string caller)
    {
        var x = inputs.Select(t => TensorCopies.Leaf(t.DType == DType.Float64 ? t : t.To(DType.Float64), requiresGrad: false)).ToArray();
        int[] shape = x[index].Shape.ToArray();
        double[] g = gradOutput.ToArray();
        double[] values = x[index].ToArray();
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            double original = values[k];
            values[k] = original + eps;
            x[index] = TensorCopies.FromValues(values, shape, DType.Float64);
            double plus = Dot(g, Evaluate(function, x, caller));
            values[k] = original - eps;
            x[index] = TensorCopies.FromValues(values, shape, DType.Float64);
            double minus = Dot(g, Evaluate(function, x, caller));
            values[k] = original;
            result[k] = (plus - minus) / (2 * eps);
        }
        return TensorCopies.FromValues(result, shape, DType.Float64);
    }

    private static double[] Evaluate(Func<Tensor[], Tensor> function, Tensor[] x, string caller)
    {
        Tensor y;
        using (Autograd.NoGrad()) y = function((Tensor[])x.Clone());
        return y?.ToArray() ?? throw new InvalidOperationException($"{caller}: the AutoNet function returned null.");
    }

    private static double Dot(double[] g, double[] y)
    {
        if (g.Length != y.Length)
            throw new InvalidOperationException(
                $"FiniteDifferences: the AutoNet function returned {y.Length} elements for a perturbed input but {g.Length} at the check's point; its output shape must not depend on the input values.");
        double sum = 0;
        for (int i = 0; i < g.Length; i++) sum += g[i] * y[i];
        return sum;
    }
}
