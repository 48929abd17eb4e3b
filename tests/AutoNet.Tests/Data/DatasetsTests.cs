using System.Globalization;
using System.Text.Json;
using AutoNet.Data;
using Xunit;

namespace AutoNet.Tests.Data;

/// <summary>
/// <see cref="Datasets"/> against scikit-learn 1.2.1's make_moons / make_circles (NumPy 1.24, AVX-512),
/// recorded in Fixtures/numpy and compared bit for bit.
/// </summary>
public class DatasetsTests
{
    /// <summary>One id per recorded make_moons call.</summary>
    public static TheoryData<string> MoonsCases() => Ids("moons");

    /// <summary>One id per recorded make_circles call.</summary>
    public static TheoryData<string> CirclesCases() => Ids("circles");

    /// <summary>make_moons: every coordinate and label equals scikit-learn's.</summary>
    [Theory]
    [MemberData(nameof(MoonsCases))]
    public void MakeMoons_matches_scikit_learns_make_moons(string caseId)
    {
        JsonElement c = Find("moons", caseId);
        var (x, y) = Datasets.MakeMoons(
            c.GetProperty("n").GetInt32(), c.GetProperty("shuffle").GetBoolean(), Noise(c), c.GetProperty("seed").GetUInt32());
        AssertDataset(c, x, y, caseId);
    }

    /// <summary>make_circles: every coordinate and label equals scikit-learn's.</summary>
    [Theory]
    [MemberData(nameof(CirclesCases))]
    public void MakeCircles_matches_scikit_learns_make_circles(string caseId)
    {
        JsonElement c = Find("circles", caseId);
        var (x, y) = Datasets.MakeCircles(
            c.GetProperty("n").GetInt32(), c.GetProperty("shuffle").GetBoolean(), Noise(c),
            c.GetProperty("seed").GetUInt32(), c.GetProperty("factor").GetDouble());
        AssertDataset(c, x, y, caseId);
    }

    /// <summary>The seed notebook's reference recording (numpy-sklearn-random.json): its moons (200, noise 0.2, seed 42).</summary>
    [Fact]
    public void MakeMoons_matches_the_seed_notebooks_moons()
    {
        JsonElement c = NumPyFixtures.SharedReference.GetProperty("moons")[0];
        var (x, y) = Datasets.MakeMoons(c.GetProperty("n").GetInt32(), c.GetProperty("shuffle").GetBoolean(),
            c.GetProperty("noise").GetDouble(), c.GetProperty("seed").GetUInt32());
        AssertDataset(c, x, y, "shared moons");
    }

    /// <summary>The seed notebook's reference recording's circles (shuffled, the make_circles default).</summary>
    [Fact]
    public void MakeCircles_matches_the_seed_notebooks_circles()
    {
        JsonElement c = NumPyFixtures.SharedReference.GetProperty("circles")[0];
        var (x, y) = Datasets.MakeCircles(c.GetProperty("n").GetInt32(), true, c.GetProperty("noise").GetDouble(),
            c.GetProperty("seed").GetUInt32(), c.GetProperty("factor").GetDouble());
        AssertDataset(c, x, y, "shared circles");
    }

    /// <summary>
    /// NumPy's float64 np.sin/np.cos (SVML on AVX-512) are reproduced exactly; Math.Sin/Math.Cos would not be.
    /// </summary>
    [Fact]
    public void Sin_and_cos_match_NumPys_np_sin_and_np_cos()
    {
        JsonElement trig = NumPyFixtures.Random.GetProperty("trig");
        double[] x = trig.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        NumPyFixtures.AssertBitsEqual(trig.GetProperty("sin"), x.Select(SvmlTrig.Sin).ToArray(), "np.sin");
        NumPyFixtures.AssertBitsEqual(trig.GetProperty("cos"), x.Select(SvmlTrig.Cos).ToArray(), "np.cos");
    }

    /// <summary>Without a seed the data still has the right shape and labels, and differs between calls.</summary>
    [Fact]
    public void A_null_random_state_gives_fresh_data()
    {
        var (x1, y1) = Datasets.MakeMoons(50, noise: 0.1);
        var (x2, _) = Datasets.MakeMoons(50, noise: 0.1);
        Assert.Equal(new[] { 50, 2 }, x1.Shape);
        Assert.Equal(new[] { 50 }, y1.Shape);
        Assert.Equal(DType.Float64, x1.DType);
        Assert.Equal(25, y1.ToArray().Count(v => v == 1.0));
        Assert.NotEqual(x1.ToArray(), x2.ToArray());
    }

    /// <summary>Without shuffle and noise the seed does not matter (nothing is drawn).</summary>
    [Fact]
    public void Without_shuffle_and_noise_the_seed_is_ignored()
    {
        var (a, _) = Datasets.MakeCircles(9, shuffle: false, randomState: 1, factor: 0.5);
        var (b, _) = Datasets.MakeCircles(9, shuffle: false, randomState: 2, factor: 0.5);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    /// <summary>Invalid arguments: exception type, and a message naming the method and the value.</summary>
    [Theory]
    [InlineData("MakeMoons", "nSamples", 0.0)]
    [InlineData("MakeMoons", "nSamples", -5.0)]
    [InlineData("MakeMoons", "noise", -0.1)]
    [InlineData("MakeMoons", "noise", double.NaN)]
    [InlineData("MakeCircles", "nSamples", 0.0)]
    [InlineData("MakeCircles", "noise", -1.0)]
    [InlineData("MakeCircles", "noise", double.NaN)]
    [InlineData("MakeCircles", "factor", 1.0)]
    [InlineData("MakeCircles", "factor", -0.1)]
    [InlineData("MakeCircles", "factor", double.NaN)]
    public void Invalid_arguments_are_rejected(string method, string parameter, double value)
    {
        int n = parameter == "nSamples" ? (int)value : 10;
        double? noise = parameter == "noise" ? value : null;
        double factor = parameter == "factor" ? value : 0.8;
        Action call = method == "MakeMoons"
            ? () => Datasets.MakeMoons(n, noise: noise, randomState: 0)
            : () => Datasets.MakeCircles(n, noise: noise, randomState: 0, factor: factor);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains(method + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got " + value.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    private static TheoryData<string> Ids(string kind)
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in NumPyFixtures.Random.GetProperty(kind).EnumerateArray())
        {
            data.Add(CaseId(c));
        }

        return data;
    }

    private static string CaseId(JsonElement c)
    {
        string id = $"n={c.GetProperty("n").GetInt32()},shuffle={c.GetProperty("shuffle").GetBoolean()}," +
            $"noise={Noise(c)?.ToString(CultureInfo.InvariantCulture) ?? "none"},seed={c.GetProperty("seed").GetUInt32()}";
        return c.TryGetProperty("factor", out JsonElement f)
            ? id + ",factor=" + f.GetDouble().ToString(CultureInfo.InvariantCulture)
            : id;
    }

    private static JsonElement Find(string kind, string caseId) =>
        NumPyFixtures.Random.GetProperty(kind).EnumerateArray().Single(c => CaseId(c) == caseId);

    private static double? Noise(JsonElement c) =>
        c.GetProperty("noise").ValueKind == JsonValueKind.Null ? null : c.GetProperty("noise").GetDouble();

    private static void AssertDataset(JsonElement c, Tensor x, Tensor y, string where)
    {
        int n = c.GetProperty("n").GetInt32();
        Assert.Equal(new[] { n, 2 }, x.Shape);
        Assert.Equal(new[] { n }, y.Shape);
        Assert.Equal(DType.Float64, x.DType);
        Assert.Equal(DType.Float64, y.DType);
        double[] flat = c.GetProperty("X").EnumerateArray().SelectMany(row => row.EnumerateArray())
            .Select(e => e.GetDouble()).ToArray();
        NumPyFixtures.AssertBitsEqual(flat, x.ToArray(), where + " X");
        double[] labels = c.GetProperty("y").EnumerateArray().Select(e => (double)e.GetInt32()).ToArray();
        NumPyFixtures.AssertBitsEqual(labels, y.ToArray(), where + " y");
    }
}
