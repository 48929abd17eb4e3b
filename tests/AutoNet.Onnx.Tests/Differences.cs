namespace AutoNet.Onnx.Tests;

/// <summary>How far ONNX Runtime's output is from AutoNet's.</summary>
/// <param name="MaxAbsolute">max |ort - autonet| over all elements.</param>
/// <param name="MaxRelative">max |ort - autonet| / max(|autonet|, 1): relative for large values, absolute for small ones.</param>
internal readonly record struct Differences(double MaxAbsolute, double MaxRelative)
{
    public static Differences Between(double[] actual, double[] expected)
    {
        if (actual.Length != expected.Length)
            throw new ArgumentException($"Differences: {actual.Length} values against {expected.Length} expected.");
        double maxAbsolute = 0, maxRelative = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double difference = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(difference)) return new(double.NaN, double.NaN);
            maxAbsolute = Math.Max(maxAbsolute, difference);
            maxRelative = Math.Max(maxRelative, difference / Math.Max(Math.Abs(expected[i]), 1.0));
        }
        return new(maxAbsolute, maxRelative);
    }

    public override string ToString() => $"max |difference| {MaxAbsolute:E2}, max relative {MaxRelative:E2}";
}
