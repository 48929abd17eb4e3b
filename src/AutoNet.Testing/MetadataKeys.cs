using System.Globalization;
using System.Reflection;

namespace AutoNet.Testing;

/// <summary>
/// The header metadata of a gradient-snapshot file (the safetensors <c>__metadata__</c> map, strings only), shared
/// with <c>tools/record_torch_gradients.py</c>, which writes the same keys.
/// </summary>
internal static class MetadataKeys
{
    /// <summary>Marks the file as a gradient snapshot; its value is <see cref="FormatName"/>.</summary>
    public const string Format = "format";

    /// <summary>The value of <see cref="Format"/>, with the version of the layout.</summary>
    public const string FormatName = "autonet-gradient-snapshot/1";

    /// <summary>The library that computed the gradients: <c>AutoNet</c> or <c>PyTorch</c>.</summary>
    public const string Library = "library";

    /// <summary>That library's version.</summary>
    public const string LibraryVersion = "library_version";

    /// <summary>The dtype of the loss, <c>float64</c> or <c>float32</c>.</summary>
    public const string DType = "dtype";

    /// <summary>The loss as shortest round-trip text (<c>repr(float)</c> in Python, "R" in .NET; <c>nan</c>, <c>inf</c>, <c>-inf</c>).</summary>
    public const string Loss = "loss";

    /// <summary>The metadata of a snapshot captured by AutoNet.</summary>
    public static IReadOnlyDictionary<string, string> ForAutoNet(AutoNet.DType dtype, double loss) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Format] = FormatName,
        [Library] = "AutoNet",
        [LibraryVersion] = typeof(Tensor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                           ?? typeof(Tensor).Assembly.GetName().Version?.ToString() ?? "unknown",
        [DType] = dtype.Name(),
        [Loss] = FormatLoss(loss),
    };

    /// <summary>The loss as text that both .NET and Python's <c>float()</c> read back to the same double.</summary>
    public static string FormatLoss(double loss) =>
        double.IsNaN(loss) ? "nan" : double.IsPositiveInfinity(loss) ? "inf" : double.IsNegativeInfinity(loss) ? "-inf"
        : loss.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="FormatLoss"/>'s text, or Python's <c>repr(float)</c>; null when it is not a number.</summary>
    public static double? ParseLoss(string text) => text.Trim().ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        var t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null,
    };

    /// <summary>Reads a dtype name as written in <see cref="DType"/>; null when unknown.</summary>
    public static AutoNet.DType? ParseDType(string text) => text switch
    {
        "float64" => AutoNet.DType.Float64,
        "float32" => AutoNet.DType.Float32,
        _ => null,
    };
}
