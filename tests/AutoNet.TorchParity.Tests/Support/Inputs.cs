using AutoNet.Data;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>The kinds of values a test input holds, chosen so that each op is tested inside its domain.</summary>
public enum InputKind
{
    /// <summary>Standard normal.</summary>
    Normal,
    /// <summary>Standard normal times 10: saturates sigmoid, tanh and softmax.</summary>
    Wide,
    /// <summary>Uniform in [0.5, 2): for log, sqrt and fractional powers.</summary>
    Positive,
    /// <summary>±uniform in [0.5, 2): for denominators and negative powers.</summary>
    NonZero,
    /// <summary>Uniform in [0.05, 0.95): probabilities strictly inside (0, 1).</summary>
    Probability,
    /// <summary>Exactly the points where relu, abs and the clamps of the op table (tests/OpCases/op-cases.json) have kinks (0, -0, ±0.5,
    /// -0.3, 0.2), beside ordinary values, in a fixed cycle: which one-sided derivative each library takes there.</summary>
    Kinks,
    /// <summary>Exact zeros beside positive values: log and sqrt at 0, where the gradient is infinite.</summary>
    ZerosAndPositive,
}

/// <summary>One input of a test case: its shape and the kind of values it holds.</summary>
public sealed record InputSpec(int[] Shape, InputKind Kind = InputKind.Normal)
{
    /// <summary>The shape as PyTorch prints it, e.g. <c>[3, 4]</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", Shape)}]";
}

/// <summary>Deterministic test inputs: the same case name always gives the same values.</summary>
public static class Inputs
{
    /// <summary>Makes the inputs of a case, drawing from NumPy's generator seeded by the case name.</summary>
    public static Tensor[] Make(string caseName, DType dtype, IReadOnlyList<InputSpec> specs)
    {
        var rng = new NumPyRandomState(StableSeed(caseName));
        return specs.Select(s => Make(rng, s, dtype)).ToArray();
    }

    /// <summary>One input of the given spec and dtype (float32 values are float64 draws rounded to nearest).</summary>
    public static Tensor Make(NumPyRandomState rng, InputSpec spec, DType dtype)
    {
        var shape = spec.Shape;
        Tensor values = spec.Kind switch
        {
            InputKind.Normal => rng.Randn(shape),
            InputKind.Wide => rng.Randn(shape) * 10.0,
            InputKind.Positive => rng.Uniform(0.5, 2.0, shape),
            InputKind.NonZero => rng.Uniform(0.5, 2.0, shape) * Signs(rng, shape),
            InputKind.Probability => rng.Uniform(0.05, 0.95, shape),
            InputKind.Kinks => Cycle(shape, [0.0, -0.5, 0.5, -0.3, -0.0, 0.2, 1.25, -0.75]),
            InputKind.ZerosAndPositive => Cycle(shape, [0.0, 0.5, 1.5, 0.0, 2.0, 0.25]),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown input kind"),
        };
        values = values.Reshape(shape).Detach(); // NumPyRandomState makes [1] for shape []: keep 0-d inputs 0-d
        return dtype == DType.Float64 ? values : values.To(dtype).Detach();
    }

    private static Tensor Cycle(int[] shape, double[] values)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return Tensor.From(Enumerable.Range(0, n).Select(i => values[i % values.Length]).ToArray(), shape.Length == 0 ? [1] : shape);
    }

    private static Tensor Signs(NumPyRandomState rng, int[] shape)
    {
        var u = rng.Rand(shape).ToArray();
        return Tensor.From(u.Select(v => v < 0.5 ? -1.0 : 1.0).ToArray(), shape.Length == 0 ? [1] : shape);
    }

    /// <summary>A seed from a string that does not change between runs (unlike <c>string.GetHashCode</c>): FNV-1a.</summary>
    public static uint StableSeed(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash;
    }
}
