using System.Text.Json;
using AutoNet.CaseTable;
using Xunit;

namespace AutoNet.Tests.Support;

/// <summary>A tensor as recorded by PyTorch: dtype, shape, row-major values (exact), and whether it required grad.</summary>
public sealed record FixtureTensor(string DType, int[] Shape, double[] Data, bool RequiresGrad)
{
    /// <summary>A fresh AutoNet leaf with these values (RequiresGrad as recorded).</summary>
    public Tensor ToTensor()
    {
        var t = OpTable.FromValues(Data, Shape.Length == 0 ? [1] : Shape, DType);
        if (Shape.Length == 0) t = t.Reshape();
        t.RequiresGrad = RequiresGrad;
        return t;
    }

    public AutoNet.DType AutoNetDType => DType switch
    {
        "float32" => AutoNet.DType.Float32,
        "int64" => AutoNet.DType.Int64,
        "bool" => AutoNet.DType.Bool,
        _ => AutoNet.DType.Float64,
    };
}

/// <summary>One recorded PyTorch computation: op, arguments, inputs, output, grad_output and input gradients
/// (one dtype variant of a case of tests/OpCases/op-cases.json).</summary>
public sealed class TorchCase
{
    public required string Id { get; init; }
    public required string Op { get; init; }
    public required string DType { get; init; }
    public required OpArgs Args { get; init; }
    public required FixtureTensor[] Inputs { get; init; }
    public required FixtureTensor Output { get; init; }
    /// <summary>The output gradient, or null for an Int64 or Bool output (which has none).</summary>
    public required FixtureTensor? GradOutput { get; init; }
    public required FixtureTensor?[] Grads { get; init; }

    public override string ToString() => Id;
}

/// <summary>
/// The PyTorch golden values in <c>Fixtures/torch/torch-ops.json</c>, recorded by
/// <c>Fixtures/torch/record_torch_ops.py</c> (see the README beside it).
/// </summary>
public static class TorchFixtures
{
    private static readonly Lazy<(Dictionary<string, TorchCase> Cases, string TorchVersion)> Loaded = new(Load);

    public static string TorchVersion => Loaded.Value.TorchVersion;

    public static IReadOnlyCollection<TorchCase> All => Loaded.Value.Cases.Values;

    public static TorchCase Get(string id) =>
        Loaded.Value.Cases.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"No PyTorch fixture case '{id}'.");

    /// <summary>The ids of every case of <paramref name="op"/>, optionally only those whose id contains
    /// <paramref name="filter"/>, and none whose id contains <paramref name="exclude"/>.</summary>
    public static TheoryData<string> Ids(string op, string? filter = null, string? exclude = null) => new(IdList(op, filter, exclude));

    /// <summary>As <see cref="Ids"/>, as a list.</summary>
    public static List<string> IdList(string op, string? filter = null, string? exclude = null)
    {
        var ids = Loaded.Value.Cases.Values
            .Where(c => c.Op == op && (filter is null || c.Id.Contains(filter, StringComparison.Ordinal))
                && (exclude is null || !c.Id.Contains(exclude, StringComparison.Ordinal)))
            .Select(c => c.Id).ToList();
        if (ids.Count == 0) throw new InvalidOperationException($"The PyTorch fixture holds no case for op '{op}'.");
        return ids;
    }

    private static (Dictionary<string, TorchCase>, string) Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", "torch-ops.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, TorchCase>(StringComparer.Ordinal);
        foreach (var e in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var c = new TorchCase
            {
                Id = e.GetProperty("id").GetString()!,
                Op = e.GetProperty("op").GetString()!,
                DType = e.GetProperty("dtype").GetString()!,
                Args = OpArgs.FromJson(e.GetProperty("args")),
                Inputs = e.GetProperty("inputs").EnumerateArray().Select(ReadTensor).ToArray(),
                Output = ReadTensor(e.GetProperty("output")),
                GradOutput = e.GetProperty("grad_output") is { ValueKind: not JsonValueKind.Null } g ? ReadTensor(g) : null,
                Grads = e.GetProperty("grads").EnumerateArray()
                    .Select(g => g.ValueKind == JsonValueKind.Null ? null : ReadTensor(g)).ToArray(),
            };
            cases.Add(c.Id, c);
        }
        string version = doc.RootElement.GetProperty("recorded_with").GetProperty("torch").GetString()!;
        return (cases, version);
    }

    private static FixtureTensor ReadTensor(JsonElement e) => new(
        e.GetProperty("dtype").GetString()!,
        e.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()).ToArray(),
        e.GetProperty("data").EnumerateArray().Select(OpArgs.ReadDouble).ToArray(),
        e.TryGetProperty("requires_grad", out var rg) && rg.GetBoolean());
}
