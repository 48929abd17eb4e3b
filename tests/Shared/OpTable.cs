using System.Text.Json;
using AutoNet.Data;

namespace AutoNet.CaseTable;

/// <summary>One input of an op case: its shape, the table domain its values are drawn from, and whether it
/// requires grad.</summary>
public sealed record OpCaseInput(int[] Shape, string Domain, bool RequiresGrad)
{
    /// <summary>The shape as in a case name: <c>3x4</c>, or <c>scalar</c> for 0-d.</summary>
    public string ShapeName => Shape.Length == 0 ? "scalar" : string.Join("x", Shape);
}

/// <summary>
/// One case of the op table (before the dtype is chosen): op, name, arguments, inputs and the dtypes it runs in
/// ("float64", "float32", or "mixed" with <see cref="InputDTypes"/> giving each input's dtype). An input may be
/// "int64" or "bool" (<see cref="InputDTypes"/>): it never requires grad.
/// </summary>
/// <param name="Op">The row's op name, e.g. <c>add</c>.</param>
/// <param name="Name">The case name: group name, input shapes and arguments, e.g. <c>3x4_4</c>.</param>
/// <param name="Args">The extra arguments.</param>
/// <param name="Inputs">Shape, domain and requires_grad of each input.</param>
/// <param name="DTypes">The dtype variants: "float64", "float32", or "mixed".</param>
/// <param name="InputDTypes">Each input's dtype ("float64", "float32", "int64", "bool"; null: the variant's dtype), or
/// null when every input has the variant's dtype. Without a null entry the case's one variant is "mixed".</param>
/// <param name="NotReplayed">Why the case is not recorded and replayed (it runs in the parity tests only), or null.</param>
public sealed record OpTableCase(string Op, string Name, OpArgs Args, OpCaseInput[] Inputs, string[] DTypes, string?[]? InputDTypes, string? NotReplayed)
{
    /// <summary>The id of the variant in <paramref name="dtype"/>: <c>op/name/dtype</c>, as in the PyTorch fixture.</summary>
    public string Id(string dtype) => $"{Op}/{Name}/{dtype}";

    /// <summary>The ids of every dtype variant.</summary>
    public IEnumerable<string> Ids => DTypes.Select(Id);

    /// <summary>The dtype of input <paramref name="i"/> in variant <paramref name="dtype"/>.</summary>
    public string InputDType(int i, string dtype) => InputDTypes?[i] ?? dtype;
}

/// <summary>
/// The one table of op cases, <c>tests/OpCases/op-cases.json</c> (format: tests/OpCases/README.md), expanded into
/// cases exactly as <c>record_torch_ops.py</c> expands it: the recorded-replay tests, the TorchSharp parity tests
/// and the recording script all run these cases, and the replay tests check that the fixture holds exactly them.
/// </summary>
public static class OpTable
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "OpCases", "op-cases.json"))));

    private static readonly Lazy<IReadOnlyList<OpTableCase>> Expanded = new(Expand);

    private static JsonElement Root => Document.Value.RootElement;

    /// <summary>Every case of every row, in table order.</summary>
    public static IReadOnlyList<OpTableCase> Cases => Expanded.Value;

    /// <summary>The op of every row, in table order.</summary>
    public static IReadOnlyList<string> Ops => Root.GetProperty("ops").EnumerateArray().Select(r => r.GetProperty("op").GetString()!).ToList();

    private static readonly Lazy<Dictionary<string, (OpTableCase Case, string DType)>> Variants = new(() =>
        Cases.SelectMany(c => c.DTypes.Select(d => (Id: c.Id(d), Variant: (c, d)))).ToDictionary(e => e.Id, e => e.Variant));

    /// <summary>The ops whose row says <c>"float32_sums": true</c>: their float32 results are sums that may cancel,
    /// so the replay holds each element to rtol times the largest |value| of its tensor as well.</summary>
    public static IReadOnlySet<string> Float32SumOps => Root.GetProperty("ops").EnumerateArray()
        .Where(r => r.TryGetProperty("float32_sums", out var f) && f.GetBoolean())
        .Select(r => r.GetProperty("op").GetString()!).ToHashSet();

    /// <summary>Every case variant by id (one per dtype).</summary>
    public static IReadOnlyDictionary<string, (OpTableCase Case, string DType)> ById => Variants.Value;

    /// <summary>A named pattern set of the table, e.g. "broadcast": each pattern is the shapes of the inputs.</summary>
    public static IReadOnlyList<int[][]> Patterns(string name) =>
        Root.GetProperty("patterns").GetProperty(name).EnumerateArray().Select(ReadShapes).ToList();

    /// <summary>The inputs of case <paramref name="c"/> in variant <paramref name="dtype"/>: fresh leaves, each
    /// requiring grad as the table says, with the values the recording script gave PyTorch.</summary>
    public static Tensor[] MakeInputs(OpTableCase c, string dtype) => c.Inputs.Select((input, i) =>
    {
        var values = Draw(input.Domain, input.Shape, $"{c.Op}/{c.Name}/input{i}");
        var t = FromValues(values, input.Shape.Length == 0 ? [1] : input.Shape, c.InputDType(i, dtype));
        if (input.Shape.Length == 0) t = t.Reshape();
        t.RequiresGrad = input.RequiresGrad;
        return t;
    }).ToArray();

    /// <summary>
    /// A tensor of <paramref name="dtype"/> ("float64", "float32", "int64", "bool") holding float64 values as the
    /// recording script converts them: rounded to float32, truncated to int64, nonzero as true.
    /// </summary>
    public static Tensor FromValues(double[] values, int[] shape, string dtype) => dtype switch
    {
        "float32" => Tensor.From(values.Select(v => (float)v).ToArray(), shape),
        "int64" => Tensor.From(values.Select(v => (long)v).ToArray(), shape),
        "bool" => Tensor.From(values.Select(v => v != 0).ToArray(), shape),
        _ => Tensor.From(values, shape),
    };

    /// <summary>
    /// The float64 values of one input drawn from a table domain (as <c>draw</c> in record_torch_ops.py): NumPy's
    /// legacy RandomState seeded by the CRC32 of <paramref name="seedName"/>, or the domain's listed values.
    /// </summary>
    public static double[] Draw(string domain, int[] shape, string seedName)
    {
        if (!Root.GetProperty("domains").TryGetProperty(domain, out var spec))
            throw new KeyNotFoundException($"op table: no domain '{domain}' (see \"domains\" in op-cases.json)");
        var kind = spec.EnumerateObject().Single();
        int n = shape.Aggregate(1, (p, d) => p * d);
        var rng = new NumPyRandomState(Crc32(seedName) & 0x7FFFFFFF);
        double[] P() => kind.Value.EnumerateArray().Select(OpArgs.ReadDouble).ToArray();
        switch (kind.Name)
        {
            case "normal":
                double scale = kind.Value.GetDouble();
                return rng.Randn(n).ToArray().Select(v => v * scale).ToArray();
            case "uniform":
                return rng.Uniform(P()[0], P()[1], n).ToArray();
            case "signed_uniform":
                var magnitude = rng.Uniform(P()[0], P()[1], n).ToArray();
                var u = rng.Rand(n).ToArray();
                return magnitude.Select((m, i) => m * (u[i] < 0.5 ? -1.0 : 1.0)).ToArray();
            case "values":
                var listed = P();
                return Enumerable.Range(0, n).Select(i => listed[i % listed.Length]).ToArray();
            case "linspace":
                // numpy.linspace: start + k * step, the last value exactly stop.
                double start = P()[0], stop = P()[1], step = (stop - start) / (n - 1);
                return Enumerable.Range(0, n).Select(k => k == n - 1 && n > 1 ? stop : k * step + start).ToArray();
            case "integers":
                // Whole numbers in [lo, hi], as floor(uniform(lo, hi + 1)).
                double lo = P()[0], hi = P()[1];
                return rng.Uniform(lo, hi + 1, n).ToArray().Select(v => Math.Min(Math.Floor(v), hi)).ToArray();
            case "bools":
                double p = kind.Value.GetDouble();
                return rng.Rand(n).ToArray().Select(v => v < p ? 1.0 : 0.0).ToArray();
            default:
                throw new FormatException($"op table: domain '{domain}' has unknown kind '{kind.Name}'");
        }
    }

    /// <summary>CRC-32 (IEEE 802.3, as Python's <c>zlib.crc32</c>) of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Crc32(string text)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
        }
        return ~crc;
    }

    private static int[][] ReadShapes(JsonElement pattern) =>
        pattern.EnumerateArray().Select(s => s.EnumerateArray().Select(d => d.GetInt32()).ToArray()).ToArray();

    private static IReadOnlyList<OpTableCase> Expand()
    {
        var cases = new List<OpTableCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Root.GetProperty("ops").EnumerateArray())
        {
            string op = row.GetProperty("op").GetString()!;
            foreach (var group in row.GetProperty("cases").EnumerateArray())
            {
                var shapes = group.GetProperty("shapes");
                var patterns = shapes.ValueKind == JsonValueKind.String ? Patterns(shapes.GetString()!) : shapes.EnumerateArray().Select(ReadShapes).ToList();
                foreach (var pattern in patterns)
                {
                    int n = pattern.Length;
                    var domains = group.TryGetProperty("domains", out var d) ? d.EnumerateArray().Select(e => e.GetString()!).ToArray() : Enumerable.Repeat("normal", n).ToArray();
                    string?[]? inputDTypes = group.TryGetProperty("input_dtypes", out var idt) ? idt.EnumerateArray().Select(e => e.GetString()).ToArray() : null;
                    bool Integer(int i) => inputDTypes?[i] is "int64" or "bool";
                    var rg = group.TryGetProperty("requires_grad", out var r) ? r.EnumerateArray().Select(e => e.GetBoolean()).ToArray() : Enumerable.Range(0, n).Select(i => !Integer(i)).ToArray();
                    if (domains.Length != n || rg.Length != n || (inputDTypes is not null && inputDTypes.Length != n))
                        throw new FormatException($"op table: a case group of '{op}' has {n} input shapes but {domains.Length} domains, {rg.Length} requires_grad flags and {inputDTypes?.Length ?? n} input dtypes");
                    if (Enumerable.Range(0, n).Any(i => rg[i] && Integer(i)))
                        throw new FormatException($"op table: '{op}': an int64 or bool input cannot require grad");
                    string[] dtypes = inputDTypes is not null && inputDTypes.All(t => t is not null) ? ["mixed"]
                        : group.TryGetProperty("dtypes", out var dt) ? dt.EnumerateArray().Select(e => e.GetString()!).ToArray() : ["float64", "float32"];
                    var inputs = pattern.Select((s, i) => new OpCaseInput(s, domains[i], rg[i])).ToArray();
                    foreach (var args in ArgSets(group.TryGetProperty("args", out var a) ? a : default, n == 0 ? 0 : pattern[0].Length))
                    {
                        string?[] parts = [group.TryGetProperty("name", out var nm) ? nm.GetString() : null, string.Join("_", inputs.Select(i => i.ShapeName)), args.NamePart];
                        string name = string.Join("_", parts.Where(p => !string.IsNullOrEmpty(p)));
                        string? notReplayed = group.TryGetProperty("not_replayed", out var why) ? why.GetString() : null;
                        var c = new OpTableCase(op, name, args, inputs, dtypes, inputDTypes, notReplayed);
                        foreach (var id in c.Ids)
                            if (!ids.Add(id)) throw new FormatException($"op table: duplicate case {id}: give the group a distinct \"name\"");
                        cases.Add(c);
                    }
                }
            }
        }
        return cases;
    }

    /// <summary>Every argument combination of a group (as <c>arg_sets</c> in record_torch_ops.py): an object maps each
    /// argument to its alternatives (all combinations are taken), a list of objects is their union, and the
    /// alternative "each" of "dim" stands for every dim of the first input, 0.. then negative.</summary>
    private static IEnumerable<OpArgs> ArgSets(JsonElement args, int rank)
    {
        if (args.ValueKind == JsonValueKind.Undefined)
        {
            yield return new OpArgs([]);
            yield break;
        }
        if (args.ValueKind == JsonValueKind.Array)
        {
            foreach (var alternative in args.EnumerateArray())
                foreach (var set in ArgSets(alternative, rank)) yield return set;
            yield break;
        }
        IEnumerable<List<KeyValuePair<string, JsonElement>>> combos = [[]];
        foreach (var p in args.EnumerateObject())
        {
            var values = p.Value.EnumerateArray().ToList();
            if (values is [{ ValueKind: JsonValueKind.String } each] && each.GetString() == "each")
                values = Enumerable.Range(0, rank).Concat(Enumerable.Range(-rank, rank)).Select(i => JsonSerializer.SerializeToElement(i)).ToList();
            var name = p.Name;
            combos = combos.SelectMany(c => values.Select(v => new List<KeyValuePair<string, JsonElement>>(c) { KeyValuePair.Create(name, v.Clone()) })).ToList();
        }
        foreach (var c in combos) yield return new OpArgs(c);
    }
}
