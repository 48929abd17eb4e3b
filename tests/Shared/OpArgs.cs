using System.Globalization;
using System.Text.Json;

namespace AutoNet.CaseTable;

/// <summary>
/// The extra arguments of one op case (a dim, an exponent, a target shape...), as written in
/// <c>tests/OpCases/op-cases.json</c> and recorded in the PyTorch fixture. Numbers may be written as the strings
/// "Infinity", "-Infinity" and "NaN".
/// </summary>
public sealed class OpArgs
{
    private readonly IReadOnlyList<KeyValuePair<string, JsonElement>> _args;

    /// <summary>Arguments in table order.</summary>
    public OpArgs(IEnumerable<KeyValuePair<string, JsonElement>> args) => _args = args.ToList();

    /// <summary>The arguments of a JSON object (a fixture case's <c>args</c>).</summary>
    public static OpArgs FromJson(JsonElement obj) =>
        new(obj.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.Clone())));

    /// <summary>Whether the argument is given.</summary>
    public bool Has(string name) => _args.Any(a => a.Key == name);

    /// <summary>An integer argument.</summary>
    public int Int(string name) => Get(name).GetInt32();

    /// <summary>A boolean argument.</summary>
    public bool Bool(string name) => Get(name).GetBoolean();

    /// <summary>A number argument (JSON number or "Infinity", "-Infinity", "NaN").</summary>
    public double Double(string name) => ReadDouble(Get(name));

    /// <summary>A string argument.</summary>
    public string String(string name) => Get(name).GetString()!;

    /// <summary>An integer-list argument (a shape).</summary>
    public int[] Ints(string name) => Get(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>The arguments as they appear in a case name: <c>dim=-1_keepdim=true</c>.</summary>
    public string NamePart => string.Join("_", _args.Select(a => $"{a.Key}={Format(a.Value)}"));

    /// <summary>A number as the table and fixture write it: a JSON number or "Infinity", "-Infinity", "NaN".</summary>
    public static double ReadDouble(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        }
        : e.GetDouble();

    /// <summary>A value as it appears in a case name (as <c>fmt</c> in record_torch_ops.py): integral numbers
    /// without a fraction, others shortest round-trip, lists joined by "x" ("scalar" when empty).</summary>
    public static string Format(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Array => v.GetArrayLength() == 0 ? "scalar" : string.Join("x", v.EnumerateArray().Select(Format)),
        JsonValueKind.Number => FormatNumber(v.GetDouble()),
        _ => throw new FormatException($"op case argument {v.GetRawText()}: expected a number, string, bool or list"),
    };

    private static string FormatNumber(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e15
        ? ((long)d).ToString(CultureInfo.InvariantCulture)
        : d.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();

    private JsonElement Get(string name)
    {
        foreach (var a in _args)
            if (a.Key == name) return a.Value;
        throw new KeyNotFoundException($"op case argument '{name}' is missing (arguments: {NamePart})");
    }

    /// <inheritdoc/>
    public override string ToString() => NamePart;
}
