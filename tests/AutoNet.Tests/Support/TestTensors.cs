using Xunit;

namespace AutoNet.Tests.Support;

/// <summary>Seeded random tensors and shape spellings for tests.</summary>
public static class TestTensors
{
    /// <summary>Parses "3x4" (or "scalar" for a 0-d shape) into a shape.</summary>
    public static int[] Shape(string text) =>
        text == "scalar" ? [] : text.Split('x').Select(int.Parse).ToArray();

    /// <summary>A float64 leaf of standard normal values (scaled), requiring grad.</summary>
    public static Tensor Normal(int seed, int[] shape, double scale = 1.0, bool requiresGrad = true) =>
        Make(seed, shape, r => scale * Gaussian(r), requiresGrad);

    /// <summary>A float64 leaf of standard normal values, requiring grad; shape spelled "3x4".</summary>
    public static Tensor Normal(int seed, string shape, double scale = 1.0) => Normal(seed, Shape(shape), scale);

    /// <summary>A float64 leaf of values uniform in [lo, hi), requiring grad.</summary>
    public static Tensor Uniform(int seed, int[] shape, double lo, double hi, bool requiresGrad = true) =>
        Make(seed, shape, r => lo + (hi - lo) * r.NextDouble(), requiresGrad);

    /// <summary>A float64 leaf whose values have magnitude in [lo, hi) and a random sign (kept away from 0).</summary>
    public static Tensor AwayFromZero(int seed, int[] shape, double lo = 0.5, double hi = 2.0) =>
        Make(seed, shape, r => (r.NextDouble() < 0.5 ? -1 : 1) * (lo + (hi - lo) * r.NextDouble()), true);

    /// <summary>A float64 leaf holding exactly <paramref name="values"/> (1-D unless a shape is given), requiring grad.</summary>
    public static Tensor Leaf(double[] values, params int[] shape)
    {
        var t = Tensor.From(values, shape.Length == 0 ? [values.Length] : shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>A 0-d float64 leaf, requiring grad.</summary>
    public static Tensor ScalarLeaf(double value)
    {
        var t = Tensor.Scalar(value);
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor Make(int seed, int[] shape, Func<Random, double> draw, bool requiresGrad)
    {
        var random = new Random(seed);
        int n = shape.Aggregate(1, (a, b) => a * b);
        var data = new double[n];
        for (int i = 0; i < n; i++) data[i] = draw(random);
        var t = shape.Length == 0 ? Tensor.From(data, 1).Reshape() : Tensor.From(data, shape);
        t.RequiresGrad = requiresGrad;
        return t;
    }

    private static double Gaussian(Random r) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());
}

/// <summary>Assertions built on <see cref="Autograd.GradCheck"/>.</summary>
public static class GradAssert
{
    /// <summary>Asserts that the gradients of <paramref name="function"/> at <paramref name="inputs"/> pass the
    /// full-Jacobian check with PyTorch's default tolerances, and that something was compared.</summary>
    public static GradCheckResult Passes(Func<Tensor[], Tensor> function, params Tensor[] inputs)
    {
        var result = Autograd.GradCheck(function, inputs, mode: GradCheckMode.Full);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.ComparedCount > 0 || inputs.All(t => t.Count == 0), "GradCheck compared nothing.");
        return result;
    }

    /// <summary>Asserts that the second-order check of <paramref name="function"/> passes.</summary>
    public static GradCheckResult SecondOrderPasses(Func<Tensor[], Tensor> function, params Tensor[] inputs)
    {
        var result = Autograd.GradGradCheck(function, inputs, mode: GradCheckMode.Full);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.ComparedCount > 0, "GradGradCheck compared nothing.");
        return result;
    }
}

/// <summary>Shapes used across op tests.</summary>
public static class TestShapes
{
    /// <summary>Every broadcasting pattern the binary ops are checked on: the "broadcast" patterns of the op case
    /// table (tests/OpCases/op-cases.json), which the PyTorch fixture and the parity tests use too.</summary>
    public static TheoryData<string, string> BroadcastPatterns
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var p in AutoNet.CaseTable.OpTable.Patterns("broadcast")) data.Add(Name(p[0]), Name(p[1]));
            return data;
        }
    }

    private static string Name(int[] shape) => shape.Length == 0 ? "scalar" : string.Join("x", shape);

    /// <summary>Shapes for unary elementwise ops.</summary>
    public static TheoryData<string> Unary => new() { "scalar", "1", "7", "3x4", "2x3x4" };
}
