// The examples' shared command-line entry: parse, refuse a parse error as one line, invoke. Compiled into each
// example that has a command line (see its .csproj); DocSamples, which has none, takes OptionChecks.cs only.
using System.CommandLine;

namespace AutoNet.Examples;

internal static partial class OptionChecks
{
    /// <summary>
    /// Parses <paramref name="args"/> with <paramref name="root"/> and invokes its action with the given writers; a
    /// parse error (an unknown option, a value of the wrong type) is refused as one line with <see cref="UsageError"/>.
    /// </summary>
    public static int Invoke(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0) return Refuse(result.Errors[0].Message, error);
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
