using System.Globalization;

namespace AutoNet.Nn;

/// <summary>Numbers printed as Python prints them, for module summaries that read like PyTorch's repr.</summary>
internal static class PyRepr
{
    /// <summary><c>1e-05</c>, <c>0.1</c>, <c>1.0</c>, <c>None</c> for null.</summary>
    public static string Float(double? value)
    {
        if (value is not { } v) return "None";
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        string s = v.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return s.Contains('.') || s.Contains('e') ? s : s + ".0";
    }

    /// <summary><c>True</c> / <c>False</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";
}
