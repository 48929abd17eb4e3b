namespace AutoNet.Testing;

/// <summary>Compares two snapshots name by name, and two tensors element by element.</summary>
internal static class SnapshotComparer
{
    public static List<GradientComparison> Compare(GradientSnapshot expected, GradientSnapshot actual, double? rtol, double? atol)
    {
        SnapshotTolerance ToleranceFor(DType dtype)
        {
            var defaults = SnapshotTolerance.For(dtype);
            return new SnapshotTolerance(rtol ?? defaults.Relative, atol ?? defaults.Absolute);
        }

        var missing = expected.Gradients.Keys.Where(k => !actual.Gradients.ContainsKey(k)).ToList();
        var extra = actual.Gradients.Keys.Where(k => !expected.Gradients.ContainsKey(k)).ToList();
        var lines = new List<GradientComparison>();
        foreach (var name in missing)
        {
            var e = expected.Gradients[name];
            string hint = RenameHint(e, extra.Select(n => (n, actual.Gradients[n])), ToleranceFor(e.DType), "renamed to");
            lines.Add(Absent(GradientComparisonKind.Missing, name, e, ToleranceFor(e.DType),
                "in the expected snapshot but not in the actual one (a parameter or input removed or renamed)" + hint));
        }
        foreach (var name in extra)
        {
            var a = actual.Gradients[name];
            string hint = RenameHint(a, missing.Select(n => (n, expected.Gradients[n])), ToleranceFor(a.DType), "renamed from");
            lines.Add(Absent(GradientComparisonKind.Extra, name, a, ToleranceFor(a.DType),
                "in the actual snapshot but not in the expected one (a parameter or input added or renamed; record the golden again if intended)" + hint));
        }
        foreach (var (name, e) in expected.Gradients)
            if (actual.Gradients.TryGetValue(name, out var a))
                lines.Add(Tensors(GradientComparisonKind.Gradient, name, e, a, ToleranceFor(a.DType)));

        var lossDType = expected.DType == DType.Float32 || actual.DType == DType.Float32 ? DType.Float32 : DType.Float64;
        lines.Add(Tensors(GradientComparisonKind.Loss, "loss", Tensor.Scalar(expected.Loss), Tensor.Scalar(actual.Loss), ToleranceFor(lossDType), lossDType));
        return lines;
    }

    /// <summary>Names the gradients on the other side with the same shape and dtype: the likely rename.</summary>
    private static string RenameHint(Tensor tensor, IEnumerable<(string Name, Tensor Tensor)> others, SnapshotTolerance tolerance, string verb)
    {
        var candidates = others.Where(o => o.Tensor.Shape.SequenceEqual(tensor.Shape) && o.Tensor.DType == tensor.DType).ToList();
        if (candidates.Count == 0) return "";
        var sameValues = candidates.Where(c => Tensors(GradientComparisonKind.Gradient, c.Name, tensor, c.Tensor, tolerance).Passed).ToList();
        var best = sameValues.Count > 0 ? sameValues : candidates;
        string names = string.Join(" or ", best.Select(c => $"'{c.Name}'"));
        return sameValues.Count > 0
            ? $"; {verb} {names}? (same shape, dtype and values)"
            : $"; {verb} {names}? (same shape and dtype, different values)";
    }

    private static GradientComparison Absent(GradientComparisonKind kind, string name, Tensor tensor, SnapshotTolerance tolerance, string problem) =>
        new(kind, name, kind == GradientComparisonKind.Missing ? tensor.Shape.ToArray() : null, kind == GradientComparisonKind.Extra ? tensor.Shape.ToArray() : null,
            tensor.DType, tolerance, 0, 0, 0, 0, null, problem);

    /// <summary>Shape, dtype, then every element of <paramref name="actual"/> against <paramref name="expected"/>.</summary>
    private static GradientComparison Tensors(GradientComparisonKind kind, string name, Tensor expected, Tensor actual, SnapshotTolerance tolerance, DType? dtype = null)
    {
        int[] expectedShape = expected.Shape.ToArray(), actualShape = actual.Shape.ToArray();
        GradientComparison Problem(string problem) => new(kind, name, expectedShape, actualShape, actual.DType, tolerance, 0, 0, 0, 0, null, problem);

        if (!expectedShape.SequenceEqual(actualShape))
        {
            string how = expected.Count == actual.Count
                ? $"the same {actual.Count} elements in another shape: transposed or reshaped?"
                : $"{expected.Count} elements expected, {actual.Count} actual: the layer's size changed?";
            return Problem($"shapes differ: expected {GradientComparison.Shape(expectedShape)}, actual {GradientComparison.Shape(actualShape)} ({how})");
        }
        if (expected.DType != actual.DType)
            return Problem($"dtypes differ: expected {expected.DType.Name()}, actual {actual.DType.Name()} (capture in the dtype the golden was recorded in)");

        double[] e = expected.ToArray(), a = actual.ToArray();
        int mismatches = 0, worstIndex = -1;
        double maxAbs = 0, maxRel = 0, worstRatio = double.NegativeInfinity;
        for (int i = 0; i < a.Length; i++)
        {
            var element = new SnapshotElement([], e[i], a[i]);
            double abs = element.AbsoluteError;
            bool accepted = tolerance.Accepts(a[i], e[i]);
            if (!accepted) mismatches++;
            maxAbs = Math.Max(maxAbs, abs);
            if (tolerance.RelativeErrorMeaningful(e[i]) || double.IsNaN(e[i])) maxRel = Math.Max(maxRel, element.RelativeError);
            // How much of its allowance the element uses: above 1 means outside the tolerance.
            double ratio = abs == 0 ? 0 : abs / tolerance.Allowance(e[i]);
            if (!accepted && !(ratio > 1)) ratio = double.PositiveInfinity; // NaN or infinity against a number
            if (ratio > worstRatio)
            {
                worstRatio = ratio;
                worstIndex = i;
            }
        }
        var worst = worstIndex < 0 ? null : new SnapshotElement(Unravel(worstIndex, actualShape), e[worstIndex], a[worstIndex]);
        return new GradientComparison(kind, name, expectedShape, actualShape, dtype ?? actual.DType, tolerance, a.Length, mismatches, maxAbs, maxRel, worst, null);
    }

    /// <summary>The multi-dimensional index of a row-major flat index.</summary>
    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
