using System.Text.Json;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>
/// The in-place initialisers against PyTorch 1.13's own bounds and standard deviations (Fixtures/torch-init, recorded
/// by intercepting torch's uniform_/normal_): each must fill exactly what AutoNet's generator draws for torch's
/// bound, so a wrong fan, gain or formula changes every element.
/// </summary>
public class InitFunctionTests
{
    private static readonly Lazy<JsonDocument> Document = new(() => Fixtures.Load("torch-init", "torch-init.json"));

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        int n = Document.Value.RootElement.GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fills_from_the_bound_or_std_torch_1_13_uses_for_the_shape(int index)
    {
        var c = Document.Value.RootElement.GetProperty("cases")[index];
        var shape = c.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var kw = c.GetProperty("kwargs");
        double Get(string name, double fallback) => kw.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        string GetS(string name, string fallback) => kw.TryGetProperty(name, out var v) ? v.GetString()! : fallback;

        var tensor = Tensor.Zeros(shape);
        var gen = new NumPyRandomState(11);
        var returned = c.GetProperty("fn").GetString() switch
        {
            "xavier_uniform_" => Init.XavierUniform(tensor, Get("gain", 1), gen),
            "xavier_normal_" => Init.XavierNormal(tensor, Get("gain", 1), gen),
            "kaiming_uniform_" => Init.KaimingUniform(tensor, Get("a", 0), GetS("mode", "fan_in"), GetS("nonlinearity", "leaky_relu"), gen),
            "kaiming_normal_" => Init.KaimingNormal(tensor, Get("a", 0), GetS("mode", "fan_in"), GetS("nonlinearity", "leaky_relu"), gen),
            var f => throw new InvalidOperationException(f),
        };

        var reference = new NumPyRandomState(11);
        var expected = c.GetProperty("op").GetString() == "uniform"
            ? reference.Uniform(c.GetProperty("a").GetDouble(), c.GetProperty("b").GetDouble(), shape)
            : reference.Normal(c.GetProperty("mean").GetDouble(), c.GetProperty("std").GetDouble(), shape);
        Assert.Same(tensor, returned);
        Assert.Equal(expected.ToArray(), tensor.ToArray());
        Assert.Equal((c.GetProperty("fan_in").GetInt64(), c.GetProperty("fan_out").GetInt64()), Init.CalculateFanInAndFanOut(tensor));
    }

    [Fact]
    public void CalculateGain_equals_torch_for_every_nonlinearity_it_names()
    {
        foreach (var g in Document.Value.RootElement.GetProperty("gains").EnumerateArray())
        {
            var p = g.GetProperty("param");
            double? param = p.ValueKind == JsonValueKind.Null ? null : p.GetDouble();
            Assert.Equal(g.GetProperty("gain").GetDouble(), Init.CalculateGain(g.GetProperty("nonlinearity").GetString()!, param));
        }
    }

    [Fact]
    public void Writes_a_parameter_in_place_without_a_NoGrad_scope_and_bumps_its_version()
    {
        var p = new Parameter(Tensor.Zeros(4, 3));
        int version = p.Storage.Version;
        Init.Ones(p);
        Assert.True(p.Storage.Version > version);
        Assert.All(p.ToArray(), v => Assert.Equal(1.0, v));
        Assert.True(p.RequiresGrad);
        Assert.True(p.IsLeaf);
        Assert.Equal(new double[12], Init.Zeros(p).ToArray());
        Assert.All(Init.Constant(p, -2.5).ToArray(), v => Assert.Equal(-2.5, v));
    }

    [Fact]
    public void Uniform_and_Normal_draw_the_generators_stream_in_row_major_order_and_convert_to_float32()
    {
        var t = Tensor.Zeros([2, 3], DType.Float32);
        Init.Uniform(t, -0.5, 2, new NumPyRandomState(3));
        Assert.Equal(new NumPyRandomState(3).Uniform(-0.5, 2, 2, 3).To(DType.Float32).ToArray(), t.ToArray());
        Assert.Equal(DType.Float32, t.DType);
        Init.Normal(t, 1, 0.25, new NumPyRandomState(4));
        Assert.Equal(new NumPyRandomState(4).Normal(1, 0.25, 2, 3).To(DType.Float32).ToArray(), t.ToArray());
    }

    [Fact]
    public void Kaiming_on_a_tensor_without_elements_is_a_no_op_as_in_torch_and_draws_nothing()
    {
        var gen = new NumPyRandomState(5);
        var t = Tensor.Zeros(0, 3);
        Assert.Same(t, Init.KaimingUniform(t, generator: gen));
        Assert.Same(t, Init.KaimingNormal(t, generator: gen));
        Assert.Equal(new NumPyRandomState(5).NextDouble(), gen.NextDouble());
    }

    [Fact]
    public void Refuses_what_torch_refuses_naming_the_function_and_the_values()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Init.XavierUniform(Tensor.Zeros(5)));
        Assert.Contains("Init.XavierUniform", e1.Message);
        Assert.Contains("[5]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Init.KaimingNormal(Tensor.Zeros(2, 2), mode: "fan_avg"));
        Assert.Contains("fan_avg", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Init.CalculateGain("softmax"));
        Assert.Contains("softmax", e3.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform(Tensor.From(new long[] { 1, 2 }, 2)));
        Assert.Throws<ArgumentException>(() => Init.XavierNormal(Tensor.Zeros(0, 0)));
        var gen = new NumPyRandomState(6);
        Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(Tensor.Zeros(3, 3), 0, -1, gen));
        Assert.Equal(new NumPyRandomState(6).NextDouble(), gen.NextDouble());
    }
}
