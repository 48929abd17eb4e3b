using System.Text.Json;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>
/// Nn.MultiheadAttention against PyTorch 1.13's nn.MultiheadAttention (Fixtures/multihead-attention, recorded by
/// record_multihead_attention.py): the recorded state dict loaded by key, then output, head-averaged weights and the
/// gradients of sum(output·g) + sum(weights·h) with respect to query, key, value and every parameter. Sequence-first,
/// batch-first, unbatched, self-attention, Bool/float masks [L, S] and [N·heads, L, S], key padding masks, no bias,
/// needWeights: false, a fully masked query row (NaN where torch has NaN) and float32.
/// </summary>
public class MultiheadAttentionFixtureTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        Fixtures.Load("multihead-attention", "multihead-attention-torch.json").RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone()));

    public static TheoryData<string> Names => new(Cases.Value.Keys.Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(Names))]
    public void Matches_torch_1_13(string name)
    {
        var c = Cases.Value[name];
        var dtype = c.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        double rel = dtype == DType.Float32 ? 1e-5 : 1e-12;
        var mha = new MultiheadAttention(c.GetProperty("embed_dim").GetInt32(), c.GetProperty("num_heads").GetInt32(),
            bias: c.GetProperty("bias").GetBoolean(), batchFirst: c.GetProperty("batch_first").GetBoolean(), dtype: dtype);
        var state = c.GetProperty("state").EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value));
        var (missing, unexpected) = mha.LoadStateDict(state);
        Assert.Empty(missing);
        Assert.Empty(unexpected);

        bool self = c.GetProperty("self_attention").GetBoolean();
        var query = Leaf(c.GetProperty("query"));
        Tensor key = self ? query : Leaf(c.GetProperty("key")), value = self ? query : Leaf(c.GetProperty("value"));
        var (output, weights) = mha.Forward(query, key, value, Optional(c, "attn_mask"), Optional(c, "key_padding_mask"),
            needWeights: c.GetProperty("need_weights").GetBoolean());

        ExpectClose(c.GetProperty("output"), output, "output", rel);
        var loss = (output * Read(c.GetProperty("grad_output"))).Sum();
        if (c.GetProperty("weights").ValueKind == JsonValueKind.Null) Assert.Null(weights);
        else
        {
            Assert.NotNull(weights);
            ExpectClose(c.GetProperty("weights"), weights, "weights", rel);
            loss += (weights * Read(c.GetProperty("grad_weights"))).Sum();
        }
        var parameters = mha.NamedParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter);
        var named = c.GetProperty("grads").EnumerateObject().Select(g => g.Name).ToArray();
        var wrt = named.Select(n => n switch { "query" => query, "key" => key, "value" => value, _ => parameters[n] }).ToArray();
        var grads = Autograd.Grad([loss], wrt);
        for (int i = 0; i < named.Length; i++)
            ExpectClose(c.GetProperty("grads").GetProperty(named[i]), grads[i]!, "gradient of " + named[i], rel);
    }

    [Fact]
    public void The_fixture_covers_every_layout_and_mask_kind()
    {
        var names = Cases.Value.Keys.ToHashSet();
        Assert.Superset(new HashSet<string> { "cross_batch_first", "unbatched", "bool_mask_3d", "float_mask_2d", "key_padding_bool",
            "key_padding_float", "fully_masked_row", "no_weights", "without_bias", "self_batch_first_causal" }, names);
    }

    private static Tensor? Optional(JsonElement c, string name) =>
        c.GetProperty(name).ValueKind == JsonValueKind.Null ? null : Read(c.GetProperty(name));

    private static Tensor Leaf(JsonElement e)
    {
        var t = Read(e);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>A recorded tensor: {"dtype", "shape", "data"}, Bool data as JSON booleans, non-finite numbers as strings.</summary>
    internal static Tensor Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data");
        string dtype = e.GetProperty("dtype").GetString()!;
        if (dtype == "bool") return Tensor.From(data.EnumerateArray().Select(x => x.GetBoolean()).ToArray(), shape);
        var t = Tensor.From(data.EnumerateArray().Select(AutoNet.CaseTable.OpArgs.ReadDouble).ToArray(), shape);
        return dtype == "float32" ? t.To(DType.Float32) : t;
    }

    /// <summary>Equal shape; NaN exactly where torch has NaN; otherwise |a - e| ≤ rel·max(|e|, 1e-3·max|e|) (an element
    /// a thousand times below the tensor's largest is judged against that scale, as TorchGolden does); float32 values,
    /// sums of float32 products that cancel, are judged against the tensor's largest |e| itself.</summary>
    private static void ExpectClose(JsonElement expected, Tensor actual, string what, double rel)
    {
        var e = Read(expected).ToArray();
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()), actual.Shape.ToArray());
        var a = actual.ToArray();
        double floor = Math.Max((actual.DType == DType.Float32 ? 1 : 1e-3) * e.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max(), 1e-300);
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) || double.IsNaN(a[i]))
            {
                Assert.True(double.IsNaN(e[i]) && double.IsNaN(a[i]), $"{what}[{i}]: expected {e[i]:R}, got {a[i]:R}");
                continue;
            }
            double err = Math.Abs(a[i] - e[i]) / Math.Max(Math.Abs(e[i]), floor);
            Assert.True(err <= rel, $"{what}[{i}]: expected {e[i]:R}, got {a[i]:R} (relative error {err:E2} > {rel:E0})");
        }
    }
}
