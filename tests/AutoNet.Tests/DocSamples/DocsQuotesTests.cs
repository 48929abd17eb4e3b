using System.Text.RegularExpressions;
using Xunit;

namespace AutoNet.Tests.DocSamples;

/// <summary>
/// The docs quote source files in fenced blocks titled with the file's path (<c>```csharp title="src/AutoNet/Ops/Mul.cs"</c>).
/// Each quoted line must still be a line of that file, in the same order; <c>// ...</c> marks lines left out.
/// </summary>
public partial class DocsQuotesTests
{
    [GeneratedRegex("^```\\w*\\s+title=\"(?<path>[^\"]+)\"\\s*$")]
    private static partial Regex TitledFence();

    public static TheoryData<string> Pages() =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void QuotedLinesAreInTheQuotedFileInOrder(string page)
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("docs", page)));
        for (int i = 0; i < lines.Length; i++)
        {
            var match = TitledFence().Match(lines[i]);
            if (!match.Success) continue;
            string path = match.Groups["path"].Value;
            string file = RepositoryFiles.PathOf(path);
            Assert.True(File.Exists(file), $"docs/{page} line {i + 1} quotes {path}, which does not exist.");
            var source = File.ReadAllLines(file).Select(l => l.Trim()).ToArray();

            int next = 0;
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                string quoted = lines[i].Trim();
                if (quoted.Length == 0 || quoted == "// ...") continue;
                int found = Array.IndexOf(source, quoted, next);
                Assert.True(found >= 0, $"docs/{page} line {i + 1}: \"{quoted}\" is not a line of {path} (after line {next}). Update the quote.");
                next = found + 1;
            }
        }
    }

    [Fact]
    public void TheReadingTourQuotesSomething()
    {
        var page = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("docs", "reading-the-code.md")));

        Assert.True(page.Count(l => TitledFence().IsMatch(l)) >= 20, "reading-the-code.md should quote the source in titled blocks.");
    }
}
