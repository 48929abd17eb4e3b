using System.Text.Json;
using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Data;

/// <summary>MakeBlobs against scikit-learn 1.2.1, MakeSpirals / MakeXor against their documented NumPy recipes, bit for bit
/// (Fixtures/datasets-more, recorded by record_datasets_more.py).</summary>
public class MoreDatasetsTests
{
    private static readonly Lazy<JsonDocument> Doc = new(() => Fixtures.Load("datasets-more", "datasets-more.json"));

    private static JsonElement Section(string name) => Doc.Value.RootElement.GetProperty(name);

    private static void AssertBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    public static IEnumerable<object[]> BlobCases => Enumerable.Range(0, 5).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(BlobCases))]
    public void MakeBlobs_equals_scikit_learn_bit_for_bit(int index)
    {
        var c = Section("blobs")[index];
        var k = c.GetProperty("kwargs");
        int n = k.TryGetProperty("n_samples", out var v) ? v.GetInt32() : 100;
        double std = k.TryGetProperty("cluster_std", out v) ? v.GetDouble() : 1.0;
        bool shuffle = !k.TryGetProperty("shuffle", out v) || v.GetBoolean();
        uint seed = k.GetProperty("random_state").GetUInt32();
        Tensor x, y;
        if (k.TryGetProperty("centers", out var centers) && centers.ValueKind == JsonValueKind.Array)
        {
            var m = new double[centers.GetArrayLength(), centers[0].GetArrayLength()];
            for (int i = 0; i < m.GetLength(0); i++)
                for (int j = 0; j < m.GetLength(1); j++) m[i, j] = centers[i][j].GetDouble();
            (x, y) = Datasets.MakeBlobs(n, m, std, shuffle, seed);
        }
        else
        {
            int features = k.TryGetProperty("n_features", out v) ? v.GetInt32() : 2;
            int count = k.TryGetProperty("centers", out v) ? v.GetInt32() : 3;
            double lo = k.TryGetProperty("center_box", out v) ? v[0].GetDouble() : -10, hi = k.TryGetProperty("center_box", out v) ? v[1].GetDouble() : 10;
            (x, y) = Datasets.MakeBlobs(n, features, count, std, lo, hi, shuffle, seed);
        }
        var expectedX = c.GetProperty("X");
        Assert.Equal(new[] { n, expectedX[0].GetArrayLength() }, x.Shape);
        AssertBits(Fixtures.Flat(expectedX), x.ToArray(), "X");
        AssertBits(Fixtures.Flat(c.GetProperty("y")), y.ToArray(), "y");
    }

    [Fact]
    public void MakeSpirals_equals_the_documented_NumPy_recipe_bit_for_bit()
    {
        foreach (var c in Section("spirals").EnumerateArray())
        {
            var (x, y) = Datasets.MakeSpirals(c.GetProperty("n").GetInt32(), c.GetProperty("k").GetInt32(),
                c.GetProperty("noise").GetDouble(), c.GetProperty("seed").GetUInt32());
            AssertBits(Fixtures.Flat(c.GetProperty("X")), x.ToArray(), "X");
            AssertBits(Fixtures.Flat(c.GetProperty("y")), y.ToArray(), "y");
        }
    }

    [Fact]
    public void MakeXor_equals_the_documented_NumPy_recipe_bit_for_bit()
    {
        foreach (var c in Section("xor").EnumerateArray())
        {
            double? noise = c.GetProperty("noise").ValueKind == JsonValueKind.Null ? null : c.GetProperty("noise").GetDouble();
            var (x, y) = Datasets.MakeXor(c.GetProperty("n").GetInt32(), noise, c.GetProperty("seed").GetUInt32());
            AssertBits(Fixtures.Flat(c.GetProperty("X")), x.ToArray(), "X");
            AssertBits(Fixtures.Flat(c.GetProperty("y")), y.ToArray(), "y");
        }
    }

    [Fact]
    public void Xor_labels_are_one_exactly_when_one_coordinate_is_positive()
    {
        var (x, y) = Datasets.MakeXor(500, randomState: 5);
        var xs = x.ToArray();
        var ys = y.ToArray();
        Assert.Contains(0.0, ys);
        Assert.Contains(1.0, ys);
        for (int i = 0; i < 500; i++)
            Assert.Equal((xs[2 * i] > 0) ^ (xs[2 * i + 1] > 0) ? 1.0 : 0.0, ys[i]);
    }

    [Fact]
    public void Same_seed_gives_same_data_and_different_seeds_differ()
    {
        Assert.Equal(Datasets.MakeBlobs(randomState: 1).X.ToArray(), Datasets.MakeBlobs(randomState: 1).X.ToArray());
        Assert.NotEqual(Datasets.MakeBlobs(randomState: 1).X.ToArray(), Datasets.MakeBlobs(randomState: 2).X.ToArray());
        Assert.NotEqual(Datasets.MakeSpirals(randomState: 1).X.ToArray(), Datasets.MakeSpirals(randomState: 2).X.ToArray());
    }

    [Theory]
    [InlineData("nSamples")]
    [InlineData("nFeatures")]
    [InlineData("centers")]
    [InlineData("clusterStd")]
    [InlineData("centerBoxHigh")]
    public void MakeBlobs_refuses_bad_arguments_naming_them(string name)
    {
        Action make = name switch
        {
            "nSamples" => () => Datasets.MakeBlobs(nSamples: 0),
            "nFeatures" => () => Datasets.MakeBlobs(nFeatures: 0),
            "centers" => () => Datasets.MakeBlobs(centers: 0),
            "clusterStd" => () => Datasets.MakeBlobs(clusterStd: double.NaN),
            _ => () => Datasets.MakeBlobs(centerBoxLow: 1, centerBoxHigh: -1),
        };
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Equal(name, e.ParamName);
        Assert.StartsWith("MakeBlobs:", e.Message);
    }

    [Fact]
    public void Spirals_and_xor_refuse_bad_arguments()
    {
        Assert.Contains("nClasses", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.MakeSpirals(nClasses: 0)).Message);
        Assert.Contains("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.MakeSpirals(noise: -1)).Message);
        Assert.Contains("nSamples", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.MakeXor(0)).Message);
        Assert.Contains("centers", Assert.Throws<ArgumentException>(() => Datasets.MakeBlobs(5, new double[0, 2])).Message);
    }
}
