namespace AutoNet.TorchSharp;

/// <summary>Compares two tensors element by element and summarises the differences as a <see cref="ParityComparison"/>.</summary>
internal static class ParityComparer
{
    /// <summary>
    /// Compares AutoNet's <paramref name="actual"/> with PyTorch's <paramref name="expected"/> (already copied into
    /// an AutoNet tensor), or with another reference named <paramref name="referenceName"/>. Shapes and dtypes must
    /// match exactly; values within <paramref name="tolerance"/>.
    /// </summary>
    public static ParityComparison Compare(string name, Tensor actual, Tensor expected, ParityTolerance tolerance, string referenceName = "PyTorch")
    {
        if (!actual.Shape.SequenceEqual(expected.Shape))
            return Problem(name, actual, tolerance,
                $"shapes differ: AutoNet [{string.Join(", ", actual.Shape)}], {referenceName} [{string.Join(", ", expected.Shape)}]", referenceName);
        if (actual.DType != expected.DType)
            return Problem(name, actual, tolerance,
                $"dtypes differ: AutoNet {actual.DType.Name()}, {referenceName} {expected.DType.Name()}", referenceName);

        double[] a = actual.ToArray(), e = expected.ToArray();
        double largest = 0;
        foreach (double v in e)
            if (double.IsFinite(v)) largest = Math.Max(largest, Math.Abs(v));
        int mismatches = 0, worstIndex = -1;
        double maxAbs = 0, maxRel = 0, worstRatio = double.NegativeInfinity;
        for (int i = 0; i < a.Length; i++)
        {
            var element = new ParityElement([], a[i], e[i]);
            double abs = element.AbsoluteError;
            bool accepted = tolerance.Accepts(a[i], e[i], largest);
            if (!accepted) mismatches++;
            maxAbs = Math.Max(maxAbs, abs);
            if (tolerance.RelativeGoverns(e[i]) || double.IsNaN(e[i])) maxRel = Math.Max(maxRel, element.RelativeError);
            // How much of its allowance the element uses: above 1 means outside the tolerance.
            double ratio = abs == 0 ? 0 : abs / tolerance.Allowance(e[i], largest);
            if (!accepted && !(ratio > 1)) ratio = double.PositiveInfinity; // NaN or infinity against a number
            if (ratio > worstRatio)
            {
                worstRatio = ratio;
                worstIndex = i;
            }
        }
        ParityElement? worst = worstIndex < 0 ? null : new ParityElement(Unravel(worstIndex, actual.Shape), a[worstIndex], e[worstIndex]) { ReferenceName = referenceName };
        return new ParityComparison(name, actual.Shape.ToArray(), actual.DType, tolerance, a.Length, mismatches, maxAbs, maxRel, worst, null, referenceName);
    }

    private static ParityComparison Problem(string name, Tensor actual, ParityTolerance tolerance, string problem, string referenceName) =>
        new(name, actual.Shape.ToArray(), actual.DType, tolerance, actual.Count, actual.Count, double.PositiveInfinity, double.PositiveInfinity, null, problem, referenceName);

    /// <summary>The multi-dimensional index of a row-major flat index.</summary>
    private static int[] Unravel(int flat, IReadOnlyList<int> shape)
    {
        var index = new int[shape.Count];
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
