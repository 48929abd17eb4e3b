using System.Text.Json;
using AutoNet.Data;
using Xunit;

namespace AutoNet.Tests.Data;

/// <summary>
/// <see cref="NumPyRandomState"/> against draws recorded from NumPy 1.24's legacy <c>RandomState</c>
/// (Fixtures/numpy/numpy-random.json, made by record_numpy_random.py), compared bit for bit.
/// </summary>
public class NumPyRandomStateTests
{
    /// <summary>One id per recorded program and seed, e.g. "randn_7/seed=42".</summary>
    public static TheoryData<string> RngCases()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in NumPyFixtures.Random.GetProperty("rng").EnumerateArray())
        {
            data.Add(CaseId(c));
        }

        return data;
    }

    /// <summary>Replays each recorded program step by step on one generator and compares every value.</summary>
    [Theory]
    [MemberData(nameof(RngCases))]
    public void Replays_the_recorded_NumPy_program(string caseId)
    {
        JsonElement c = NumPyFixtures.Random.GetProperty("rng").EnumerateArray().Single(e => CaseId(e) == caseId);
        var rs = new NumPyRandomState(c.GetProperty("seed").GetUInt32());
        int stepNo = 0;
        foreach (JsonElement step in c.GetProperty("steps").EnumerateArray())
        {
            string where = $"{caseId} step {stepNo++} ({step.GetProperty("op").GetString()})";
            RunStep(rs, step, where);
        }
    }

    /// <summary>The seed notebook's reference recording's seed-42 sequence (the seed notebook's calls, in order).</summary>
    [Fact]
    public void Matches_the_seed_notebooks_sequence()
    {
        JsonElement r = NumPyFixtures.SharedReference.GetProperty("rng")[0];
        var rs = new NumPyRandomState(r.GetProperty("seed").GetUInt32());
        NumPyFixtures.AssertBitsEqual(r.GetProperty("randn_7"), rs.Randn(7), "randn_7");
        NumPyFixtures.AssertBitsEqual(r.GetProperty("rand_5"), rs.Rand(5), "rand_5");
        NumPyFixtures.AssertBitsEqual(r.GetProperty("normal_3"), rs.Normal(1.5, 0.3, 3), "normal_3");
        NumPyFixtures.AssertBitsEqual(r.GetProperty("uniform_3"), rs.Uniform(-2.0, 3.0, 3), "uniform_3");
        Assert.Equal(Ints(r.GetProperty("permutation_10")), rs.Permutation(10));
        int[] items = Enumerable.Range(0, 13).ToArray();
        rs.Shuffle<int>(items);
        Assert.Equal(Ints(r.GetProperty("shuffle_13")), items);
        NumPyFixtures.AssertBitsEqual(r.GetProperty("randn_after"), rs.Randn(3), "randn_after");
    }

    /// <summary>Shuffle moves items of any type exactly as it moves the indices 0..n-1.</summary>
    [Fact]
    public void Shuffle_of_strings_follows_the_same_permutation()
    {
        string[] names = Enumerable.Range(0, 13).Select(i => $"item{i}").ToArray();
        new NumPyRandomState(42).Shuffle<string>(names);
        JsonElement recorded = NumPyFixtures.Random.GetProperty("rng").EnumerateArray()
            .Single(c => CaseId(c) == "shuffle_13/seed=42").GetProperty("steps")[0].GetProperty("values");
        int[] expected = Ints(recorded);
        Assert.Equal(expected.Select(i => $"item{i}"), names);
    }

    /// <summary>Tensor draws have the requested shape, float64 elements, and allow empty dimensions.</summary>
    [Fact]
    public void Tensor_draws_have_the_shape_and_dtype_float64()
    {
        var rs = new NumPyRandomState(7);
        Tensor t = rs.Randn(2, 3);
        Assert.Equal(new[] { 2, 3 }, t.Shape);
        Assert.Equal(DType.Float64, t.DType);
        Assert.Equal(6, t.ToArray().Length);
        Assert.Empty(rs.Rand(0, 4).ToArray());
        Assert.Empty(rs.Permutation(0));
    }

    /// <summary>NextInterval(0) is always 0 and draws nothing, like NumPy's random_interval.</summary>
    [Fact]
    public void NextInterval_of_zero_draws_nothing()
    {
        var a = new NumPyRandomState(3);
        var b = new NumPyRandomState(3);
        Assert.Equal(0UL, a.NextInterval(0));
        Assert.Equal(b.NextUInt32(), a.NextUInt32());
    }

    /// <summary>Invalid arguments: exception type, and a message naming the method and the value.</summary>
    [Theory]
    [InlineData("Randn", "-1")]
    [InlineData("Rand", "-2")]
    [InlineData("NormalShape", "-3")]
    [InlineData("NormalScale", "-1")]
    [InlineData("NormalScaleNaN", "NaN")]
    [InlineData("NormalLocNaN", "NaN")]
    [InlineData("UniformHighBelowLow", "low=2, high=1")]
    [InlineData("UniformNaN", "NaN")]
    [InlineData("UniformInfinite", "Infinity")]
    [InlineData("UniformShape", "-4")]
    [InlineData("Permutation", "-5")]
    public void Invalid_arguments_are_rejected(string what, string value)
    {
        var rs = new NumPyRandomState(0);
        Action call = what switch
        {
            "Randn" => () => rs.Randn(2, -1),
            "Rand" => () => rs.Rand(-2),
            "NormalShape" => () => rs.Normal(0, 1, -3),
            "NormalScale" => () => rs.Normal(0, -1, 2),
            "NormalScaleNaN" => () => rs.Normal(0, double.NaN, 2),
            "NormalLocNaN" => () => rs.Normal(double.NaN, 1, 2),
            "UniformHighBelowLow" => () => rs.Uniform(2, 1, 2),
            "UniformNaN" => () => rs.Uniform(double.NaN, 1, 2),
            "UniformInfinite" => () => rs.Uniform(0, double.PositiveInfinity, 2),
            "UniformShape" => () => rs.Uniform(0, 1, 3, -4),
            "Permutation" => () => rs.Permutation(-5),
            _ => throw new ArgumentException(what),
        };

        ArgumentException ex = what == "UniformHighBelowLow"
            ? Assert.Throws<ArgumentException>(call)
            : Assert.Throws<ArgumentOutOfRangeException>(call);
        string method = what.StartsWith("Normal", StringComparison.Ordinal) ? "Normal"
            : what.StartsWith("Uniform", StringComparison.Ordinal) ? "Uniform" : what;
        Assert.Contains(method + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Normal's message reads like the brief's example.</summary>
    [Fact]
    public void Normal_scale_message_is_readable()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NumPyRandomState(0).Normal(0, -1, 3));
        Assert.StartsWith("Normal: scale must be >= 0, got -1", ex.Message, StringComparison.Ordinal);
    }

    private static string CaseId(JsonElement c) =>
        $"{c.GetProperty("name").GetString()}/seed={c.GetProperty("seed").GetUInt32()}";

    private static int[] Shape(JsonElement step) =>
        step.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static void RunStep(NumPyRandomState rs, JsonElement step, string where)
    {
        JsonElement values = step.GetProperty("values");
        switch (step.GetProperty("op").GetString())
        {
            case "uint32":
                Assert.Equal(values.EnumerateArray().Select(e => e.GetUInt32()),
                    Enumerable.Range(0, values.GetArrayLength()).Select(_ => rs.NextUInt32()).ToArray());
                break;
            case "interval":
                ulong max = step.GetProperty("max").GetUInt64();
                Assert.Equal(values.EnumerateArray().Select(e => e.GetUInt64()),
                    Enumerable.Range(0, values.GetArrayLength()).Select(_ => rs.NextInterval(max)).ToArray());
                break;
            case "double":
                NumPyFixtures.AssertBitsEqual(values, Draw(values, rs.NextDouble), where);
                break;
            case "gauss":
                NumPyFixtures.AssertBitsEqual(values, Draw(values, rs.NextGaussian), where);
                break;
            case "rand":
                NumPyFixtures.AssertBitsEqual(values, rs.Rand(Shape(step)), where);
                break;
            case "randn":
                NumPyFixtures.AssertBitsEqual(values, rs.Randn(Shape(step)), where);
                break;
            case "normal":
                Tensor n = rs.Normal(step.GetProperty("loc").GetDouble(), step.GetProperty("scale").GetDouble(), Shape(step));
                NumPyFixtures.AssertBitsEqual(values, n, where);
                break;
            case "uniform":
                Tensor u = rs.Uniform(step.GetProperty("low").GetDouble(), step.GetProperty("high").GetDouble(), Shape(step));
                NumPyFixtures.AssertBitsEqual(values, u, where);
                break;
            case "permutation":
                Assert.Equal(Ints(values), rs.Permutation(step.GetProperty("n").GetInt32()));
                break;
            case "shuffle":
                int[] items = Enumerable.Range(0, step.GetProperty("n").GetInt32()).ToArray();
                rs.Shuffle<int>(items);
                Assert.Equal(Ints(values), items);
                break;
            default:
                throw new InvalidOperationException($"{where}: unknown op");
        }
    }

    private static double[] Draw(JsonElement values, Func<double> draw) =>
        Enumerable.Range(0, values.GetArrayLength()).Select(_ => draw()).ToArray();
}

/// <summary>Loads the NumPy fixtures once and compares doubles bit for bit.</summary>
internal static class NumPyFixtures
{
    private static readonly Lazy<JsonElement> RandomFile = new(() => Load("numpy-random.json"));
    private static readonly Lazy<JsonElement> SharedFile = new(() => Load("numpy-sklearn-random.json"));

    /// <summary>numpy-random.json, recorded by record_numpy_random.py.</summary>
    public static JsonElement Random => RandomFile.Value;

    /// <summary>numpy-sklearn-random.json, the seed notebook's reference recording.</summary>
    public static JsonElement SharedReference => SharedFile.Value;

    /// <summary>Asserts that a tensor holds exactly the recorded values (compared as raw bits).</summary>
    public static void AssertBitsEqual(JsonElement expected, Tensor actual, string where) =>
        AssertBitsEqual(expected, actual.ToArray(), where);

    /// <summary>Asserts that the doubles are exactly the recorded values (compared as raw bits).</summary>
    public static void AssertBitsEqual(JsonElement expected, double[] actual, string where) =>
        AssertBitsEqual(expected.EnumerateArray().Select(e => e.GetDouble()).ToArray(), actual, where);

    /// <summary>Asserts that two double arrays are equal bit for bit (so -0 differs from 0).</summary>
    public static void AssertBitsEqual(double[] want, double[] actual, string where)
    {
        Assert.True(want.Length == actual.Length, $"{where}: expected {want.Length} values, got {actual.Length}");
        for (int i = 0; i < want.Length; i++)
        {
            long w = BitConverter.DoubleToInt64Bits(want[i]);
            long a = BitConverter.DoubleToInt64Bits(actual[i]);
            Assert.True(w == a, $"{where}[{i}]: expected {want[i]:R} (0x{w:X16}), got {actual[i]:R} (0x{a:X16})");
        }
    }

    private static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "numpy", name);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}

public class NumPyRandomStateShapeTests
{
    [Fact]
    public void No_shape_means_one_draw_as_a_0d_tensor_like_numpys_scalar()
    {
        var scalar = new NumPyRandomState(42).Randn();
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(new NumPyRandomState(42).Randn(1).Item(), scalar.Item());
        Assert.Equal(0, new NumPyRandomState(42).Uniform(0, 1).Rank);
    }
}
