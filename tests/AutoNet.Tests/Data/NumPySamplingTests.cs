using System.Text.Json;
using AutoNet.Data;
using Xunit;

namespace AutoNet.Tests.Data;

/// <summary>
/// <see cref="NumPyRandomState.RandInt"/> and <see cref="NumPyRandomState.Choice"/> against NumPy 1.24's legacy
/// <c>randint</c> and <c>choice</c> (Fixtures/numpy/numpy-sampling.json, made by record_numpy_sampling.py): every
/// index equal, and the stream in step with the other draws (randn, rand) before and after them.
/// </summary>
public class NumPySamplingTests
{
    private static readonly Lazy<JsonElement> File = new(() =>
    {
        using var doc = AutoNet.Tests.Support.Fixtures.Load("numpy", "numpy-sampling.json");
        return doc.RootElement.Clone();
    });

    public static TheoryData<string> Cases() =>
        new(File.Value.GetProperty("cases").EnumerateArray().Select(CaseId));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Replays_the_recorded_NumPy_program(string caseId)
    {
        JsonElement c = File.Value.GetProperty("cases").EnumerateArray().Single(e => CaseId(e) == caseId);
        var rs = new NumPyRandomState(c.GetProperty("seed").GetUInt32());
        int stepNo = 0;
        foreach (JsonElement step in c.GetProperty("steps").EnumerateArray())
        {
            string where = $"{caseId} step {stepNo++} ({step.GetProperty("op").GetString()})";
            JsonElement values = step.GetProperty("values");
            switch (step.GetProperty("op").GetString())
            {
                case "randint":
                    int[] shape = Ints(step.GetProperty("shape"));
                    var r = rs.RandInt(step.GetProperty("low").GetInt64(), step.GetProperty("high").GetInt64(), shape);
                    Assert.Equal(DType.Int64, r.DType);
                    Assert.Equal(shape, r.Shape);
                    Assert.Equal(values.EnumerateArray().Select(v => v.GetInt64()).ToArray(), r.ToInt64Array());
                    break;
                case "choice":
                    JsonElement p = step.GetProperty("p");
                    var idx = rs.Choice(step.GetProperty("n").GetInt32(), step.GetProperty("size").GetInt32(), step.GetProperty("replace").GetBoolean(),
                        p.ValueKind == JsonValueKind.Null ? null : Tensor.From(p.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
                    Assert.Equal(DType.Int64, idx.DType);
                    Assert.True(values.EnumerateArray().Select(v => v.GetInt64()).SequenceEqual(idx.ToInt64Array()),
                        $"{where}: expected [{string.Join(", ", values.EnumerateArray())}], got [{string.Join(", ", idx.ToInt64Array())}]");
                    break;
                case "randn":
                    NumPyFixtures.AssertBitsEqual(values, rs.Randn(Ints(step.GetProperty("shape"))), where);
                    break;
                case "rand":
                    NumPyFixtures.AssertBitsEqual(values, rs.Rand(Ints(step.GetProperty("shape"))), where);
                    break;
                default:
                    throw new InvalidOperationException($"{where}: unknown op");
            }
        }
    }

    [Fact]
    public void RandInt_without_a_shape_is_0d_and_empty_shapes_draw_nothing()
    {
        var rs = new NumPyRandomState(3);
        var scalar = rs.RandInt(-4, 9);
        Assert.Empty(scalar.Shape);
        Assert.InRange(scalar.ItemInt64(), -4, 8);
        var a = new NumPyRandomState(5);
        var b = new NumPyRandomState(5);
        Assert.Empty(a.RandInt(0, 10, 2, 0).ToInt64Array());
        Assert.Empty(a.RandInt(7, 7, 0).ToInt64Array()); // NumPy checks the bounds only when it draws
        Assert.Equal(b.Randn(3).ToArray(), a.Randn(3).ToArray());
    }

    [Fact]
    public void Bad_arguments_are_refused_with_NumPys_rule_and_the_values()
    {
        var rs = new NumPyRandomState(1);
        Assert.Equal("RandInt: high must be greater than low (values are drawn from [low, high)), got low=5, high=5. (Parameter 'high')",
            Assert.Throws<ArgumentException>(() => rs.RandInt(5, 5, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => rs.RandInt(0, 5, 2, -1));
        Assert.Contains("n must be greater than 0 unless no samples are taken, got n=0, size=3",
            Assert.Throws<ArgumentOutOfRangeException>(() => rs.Choice(0, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => rs.Choice(3, -1));
        Assert.Contains("larger sample than the population", Assert.Throws<ArgumentException>(() => rs.Choice(3, 4, replace: false)).Message);
        Assert.Contains("fewer non-zero entries in p (1) than size (2)",
            Assert.Throws<ArgumentException>(() => rs.Choice(3, 2, replace: false, Tensor.From([1.0, 0, 0]))).Message);
        Assert.Contains("p must sum to 1", Assert.Throws<ArgumentException>(() => rs.Choice(3, 2, p: Tensor.From([0.5, 0.4, 0.2]))).Message);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => rs.Choice(3, 2, p: Tensor.From([0.5, 0.6, -0.1]))).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => rs.Choice(2, 2, p: Tensor.From([double.NaN, 1.0]))).Message);
        Assert.Contains("p must have n = 3 values, got 2", Assert.Throws<ArgumentException>(() => rs.Choice(3, 2, p: Tensor.From([0.5, 0.5]))).Message);
        Assert.Contains("p must be 1-D", Assert.Throws<ArgumentException>(() => rs.Choice(2, 2, p: Tensor.From([0.5, 0.5], 1, 2))).Message);
    }

    [Fact]
    public void A_float32_p_gets_float32s_tolerance_as_in_NumPy()
    {
        // Sums to 1 + 1e-4: outside float64's √ε (1.5e-8), inside float32's (3.5e-4).
        var p = Tensor.From([0.5, 0.5001]);
        Assert.Throws<ArgumentException>(() => new NumPyRandomState(0).Choice(2, 3, p: p));
        Assert.Equal(3, new NumPyRandomState(0).Choice(2, 3, p: p.To(DType.Float32)).Count);
    }

    private static string CaseId(JsonElement c) => $"{c.GetProperty("name").GetString()}/seed={c.GetProperty("seed").GetUInt32()}";

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
