// Checks shared by the examples' command lines: each returns null when the option is fine, else the one line the
// program prints on stderr before exiting with code 2 (checked before any training starts, never a stack trace).
// Compiled into each example (see its .csproj).
using System.Globalization;

namespace AutoNet.Examples;

/// <summary>Option checks for the examples; every message names the option and the value given.</summary>
internal static partial class OptionChecks
{
    /// <summary>The exit code of a run refused because of its options.</summary>
    public const int UsageError = 2;

    /// <summary>The first error of <paramref name="errors"/>, or null when all passed.</summary>
    public static string? First(params string?[] errors) => errors.FirstOrDefault(e => e is not null);

    /// <summary>An integer option that must be at least <paramref name="min"/>.</summary>
    public static string? AtLeast(string option, int value, int min) =>
        value >= min ? null : Invariant($"{option} must be >= {min}, got {value}.");

    /// <summary>A real option that must be finite and in [<paramref name="min"/>, <paramref name="below"/>).</summary>
    public static string? Finite(string option, double value, double min = 0, double below = double.PositiveInfinity) =>
        double.IsFinite(value) && value >= min && value < below ? null
        : double.IsPositiveInfinity(below) ? Invariant($"{option} must be a finite number >= {min}, got {value}.")
        : Invariant($"{option} must be a finite number in [{min}, {below}), got {value}.");

    /// <summary>
    /// Checks that the float64 matrices of the given sizes that a run creates exist (each at most
    /// <see cref="Array.MaxLength"/> elements) and, with their gradients, optimiser state and saved activations
    /// (4 copies), fit in the memory this process may use.
    /// </summary>
    public static string? Fits(string option, long value, params (long Rows, long Cols)[] matrices)
    {
        double bytes = 0;
        foreach (var (rows, cols) in matrices)
        {
            if ((double)rows * cols > Array.MaxLength)
                return Invariant($"{option} {value} needs a [{rows}, {cols}] tensor, more than a tensor holds ({Array.MaxLength} elements).");
            bytes += 4.0 * 8 * rows * cols;
        }
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return bytes <= available ? null
            : Invariant($"{option} {value} needs about {bytes / 1e9:F1} GB of memory, more than the {available / 1e9:F1} GB available.");
    }

    /// <summary>A directory the program will write into: created if missing, and a file must be creatable in it.</summary>
    public static string? WritableDirectory(string option, string? path)
    {
        if (path is null) return null;
        try
        {
            if (File.Exists(path)) return $"{option} '{path}' is a file; expected a directory to write into.";
            Directory.CreateDirectory(path);
            Probe(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{option} '{path}' is not a writable directory ({Reason(e)}).";
        }
    }

    /// <summary>A file the program will write: not a directory, in an existing directory it may create files in.</summary>
    public static string? WritableFile(string option, string? path)
    {
        if (path is null) return null;
        try
        {
            if (path.Length == 0) return $"{option} needs a file path, got ''.";
            if (Directory.Exists(path)) return $"{option} '{path}' is a directory; expected a file path.";
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(directory)) return $"{option} '{path}': the directory '{directory}' does not exist.";
            Probe(directory);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{option} '{path}' cannot be written ({Reason(e)}).";
        }
    }

    /// <summary>Prints <paramref name="error"/> as one line on <paramref name="stderr"/> and returns <see cref="UsageError"/>.</summary>
    public static int Refuse(string error, TextWriter stderr)
    {
        stderr.WriteLine(OneLine(error));
        return UsageError;
    }

    /// <summary>Runs <paramref name="run"/>; a failure while running (not an option) is one line and exit code 1.</summary>
    public static int Guarded(Func<int> run, TextWriter stderr)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine(OneLine($"error: {e.GetType().Name}: {e.Message}"));
            return 1;
        }
    }

    private static void Probe(string directory)
    {
        string probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
    }

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException or FileNotFoundException => "a file cannot be created there",
        _ => OneLine(e.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
