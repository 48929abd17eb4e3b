using System.Text.Json;
using AutoNet.Optim;
using AutoNet.Tests.Support;

namespace AutoNet.Tests.Optim;

/// <summary>Reads <c>Fixtures/torch-optim/torch-optim.json</c> (see its recording script) and replays its cases.</summary>
internal static class TorchOptimFixture
{
    private static readonly Lazy<JsonDocument> Doc = new(() => Fixtures.Load("torch-optim", "torch-optim.json"));

    public static JsonElement Root => Doc.Value.RootElement;

    public static JsonElement Case(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<object[]> Names(string section, string? optimiser = null) =>
        Root.GetProperty(section).EnumerateArray()
            .Where(c => optimiser is null || c.GetProperty("optimiser").GetString() == optimiser)
            .Select(c => new object[] { c.GetProperty("name").GetString()! });

    private static double Num(JsonElement kwargs, string name, double fallback) =>
        kwargs.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;

    private static bool Bool(JsonElement kwargs, string name) => kwargs.TryGetProperty(name, out var v) && v.GetBoolean();

    /// <summary>Builds the AutoNet optimiser named by the case, with the case's keyword arguments (PyTorch defaults otherwise).</summary>
    public static Optimizer Make(string optimiser, JsonElement k, Tensor[] ps)
    {
        double b1 = k.TryGetProperty("betas", out var b) ? b[0].GetDouble() : 0.9;
        double b2 = k.TryGetProperty("betas", out b) ? b[1].GetDouble() : 0.999;
        return optimiser switch
        {
            "Adam" => new Adam(ps, Num(k, "lr", 1e-3), b1, b2, Num(k, "eps", 1e-8), Num(k, "weight_decay", 0), Bool(k, "amsgrad")),
            "AdamW" => new AdamW(ps, Num(k, "lr", 1e-3), b1, b2, Num(k, "eps", 1e-8), Num(k, "weight_decay", 1e-2), Bool(k, "amsgrad")),
            "RMSprop" => new RMSprop(ps, Num(k, "lr", 1e-2), Num(k, "alpha", 0.99), Num(k, "eps", 1e-8), Num(k, "weight_decay", 0),
                Num(k, "momentum", 0), Bool(k, "centered")),
            "Adagrad" => new Adagrad(ps, Num(k, "lr", 1e-2), Num(k, "lr_decay", 0), Num(k, "weight_decay", 0),
                Num(k, "initial_accumulator_value", 0), Num(k, "eps", 1e-10)),
            "SGD" => new SGD(ps, Num(k, "lr", 0), Num(k, "momentum", 0), Num(k, "dampening", 0), Num(k, "weight_decay", 0), Bool(k, "nesterov")),
            _ => throw new ArgumentException(optimiser),
        };
    }

    /// <summary>A tensor of the case's dtype from recorded values.</summary>
    public static Tensor Values(JsonElement values, JsonElement shape, DType dtype)
    {
        var data = Fixtures.Flat(values);
        int[] dims = shape.EnumerateArray().Select(d => d.GetInt32()).ToArray();
        return dtype == DType.Float32 ? Tensor.From(data.Select(x => (float)x).ToArray(), dims) : Tensor.From(data, dims);
    }

    /// <summary>The elementwise quadratic's gradient c · (p - t), computed in the parameter's dtype (one subtract, one multiply).</summary>
    public static Tensor Gradient(Tensor p, Tensor c, Tensor t)
    {
        using var _ = Autograd.NoGrad();
        return c * (p.Detach() - t);
    }
}
