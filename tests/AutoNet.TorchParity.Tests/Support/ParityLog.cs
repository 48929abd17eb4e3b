using AutoNet.TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// Asserts parity results and, when the environment variable <c>AUTONET_PARITY_LOG</c> names a file, appends one
/// line per comparison to it (test case, tensor, dtype, max absolute and relative error), so the largest errors
/// of a whole run can be measured: <c>AUTONET_PARITY_LOG=/tmp/parity.tsv dotnet test tests/AutoNet.TorchParity.Tests</c>.
/// </summary>
public static class ParityLog
{
    private static readonly object Gate = new();

    /// <summary>Logs <paramref name="result"/> under <paramref name="caseName"/> and asserts that it passed.</summary>
    public static void AssertPassed(ParityResult result, string caseName)
    {
        Record(result, caseName);
        Assert.True(result.Passed, $"{caseName}\n{result}");
    }

    /// <summary>Appends one line per comparison of <paramref name="result"/> to the log file, if one is set.</summary>
    public static void Record(ParityResult result, string caseName)
    {
        foreach (var c in result.Comparisons)
            Record(caseName, c.Name, c.DType, c.MaxAbsoluteError, c.MaxRelativeError);
    }

    /// <summary>Appends one line to the log file, if one is set.</summary>
    public static void Record(string caseName, string what, DType dtype, double maxAbsoluteError, double maxRelativeError)
    {
        string? path = Environment.GetEnvironmentVariable("AUTONET_PARITY_LOG");
        if (string.IsNullOrEmpty(path)) return;
        string line = FormattableString.Invariant($"{caseName}\t{what}\t{dtype.Name()}\t{maxAbsoluteError:R}\t{maxRelativeError:R}\n");
        lock (Gate) File.AppendAllText(path, line);
    }
}
