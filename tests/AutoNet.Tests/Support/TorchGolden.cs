using System.Text.Json;
using Xunit;

namespace AutoNet.Tests.Support;

/// <summary>
/// Reads Fixtures/torch-nn/torch-nn.json (PyTorch 1.13 float64 recordings by record_torch_nn.py) and compares
/// AutoNet's tensors with them.
/// </summary>
internal static class TorchGolden
{
    private static readonly Lazy<JsonDocument> Document = new(() => Fixtures.Load("torch-nn", "torch-nn.json"));

    /// <summary>Relative tolerance for float64 forward values and gradients against PyTorch.</summary>
    public const double Rel = 1e-12;

    public static JsonElement Case(string name) => Document.Value.RootElement.GetProperty("cases").GetProperty(name);

    /// <summary>A float64 tensor from {"shape": [...], "data": [...]}, optionally a leaf that requires grad.</summary>
    public static Tensor Tensor(JsonElement e, bool requiresGrad = false)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var t = shape.Length == 0 ? AutoNet.Tensor.Scalar(data[0]) : AutoNet.Tensor.From(data, shape);
        t.RequiresGrad = requiresGrad;
        return t;
    }

    public static int[] Ints(JsonElement e) => e.GetProperty("data").EnumerateArray().Select(x => x.GetInt32()).ToArray();

    public static double[] Data(JsonElement e) => e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();

    public static int[] Shape(JsonElement e) => e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>
    /// Asserts shape equality and |a - e| &lt;= rel · max(|e|, floor) element by element, where floor is 1e-3 of the
    /// largest |e| in the tensor: an element a thousand times smaller than the tensor's largest is usually small
    /// through cancellation (1 + tanh(u) at u = -10, a batch-norm gradient), where one ulp of difference in an
    /// intermediate (PyTorch's vectorised tanh against .NET's) is a large part of it; it is judged against the
    /// tensor's scale instead. Returns the largest |a - e| / max(|e|, floor).
    /// </summary>
    public static double AssertClose(JsonElement expected, Tensor actual, string what, double rel = Rel)
    {
        Assert.Equal(Shape(expected), actual.Shape.ToArray());
        return AssertClose(Data(expected), actual.ToArray(), what, rel);
    }

    public static double AssertClose(double[] expected, double[] actual, string what, double rel = Rel)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        double floor = Math.Max(scale * 1e-3, 1e-300);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] == actual[i]) continue;
            double err = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor);
            Assert.True(err <= rel, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (relative error {err:E2} > {rel:E0})");
            if (!double.IsNaN(err)) worst = Math.Max(worst, err);
        }
        return worst;
    }

    /// <summary>
    /// Runs one recorded case: builds the named inputs (leaves requiring grad where the case has a gradient for
    /// them), calls <paramref name="forward"/>, compares the output, back-propagates the recorded grad_output, and
    /// compares every recorded gradient (inputs by name; parameters through <paramref name="parameters"/>).
    /// Returns the largest relative error seen.
    /// </summary>
    public static double Check(JsonElement c, Func<IReadOnlyDictionary<string, Tensor>, Tensor> forward,
        IReadOnlyDictionary<string, Tensor>? parameters = null, double rel = Rel, IDictionary<string, Tensor>? gradsOut = null)
    {
        var grads = c.GetProperty("grads");
        var inputs = new Dictionary<string, Tensor>();
        foreach (var p in c.GetProperty("inputs").EnumerateObject())
            inputs[p.Name] = Tensor(p.Value, requiresGrad: grads.TryGetProperty(p.Name, out _));
        var output = forward(inputs);
        double worst = AssertClose(c.GetProperty("output"), output, "output", rel);
        var wrt = new List<(string Name, Tensor Tensor)>();
        foreach (var g in grads.EnumerateObject())
            wrt.Add((g.Name, inputs.TryGetValue(g.Name, out var t) ? t : parameters![g.Name]));
        var computed = Autograd.Grad([output], wrt.Select(w => w.Tensor).ToArray(), [Tensor(c.GetProperty("grad_output"))]);
        for (int i = 0; i < wrt.Count; i++)
        {
            worst = Math.Max(worst, AssertClose(grads.GetProperty(wrt[i].Name), computed[i]!, "grad " + wrt[i].Name, rel));
            if (gradsOut is not null) gradsOut[wrt[i].Name] = computed[i]!;
        }
        return worst;
    }

    /// <summary>Copies the case's recorded parameter values into the module's parameters (by state_dict name).</summary>
    public static Dictionary<string, Tensor> LoadParameters(AutoNet.Nn.Module module, JsonElement parameters)
    {
        var named = module.NamedParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter);
        Assert.Equal(parameters.EnumerateObject().Select(p => p.Name).OrderBy(n => n), named.Keys.OrderBy(n => n));
        using (Autograd.NoGrad())
            foreach (var p in parameters.EnumerateObject()) named[p.Name].CopyFrom(Tensor(p.Value));
        return named;
    }
}
