using System.Globalization;
using System.Text;
using AutoNet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Ops;

/// <summary>
/// All PyTorch fixture cases at once: every recorded op has a replay, and a table of the largest errors per op and
/// dtype (printed to the test output: <c>dotnet test --filter TorchFixtureSummaryTests --logger "console;verbosity=detailed"</c>).
/// Each case is also its own test in the op's test file.
/// </summary>
public class TorchFixtureSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryCaseMatchesPyTorch_WithErrorTable()
    {
        var failures = new List<string>();
        var table = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var c in TorchFixtures.All)
        {
            try
            {
                var e = TorchReplay.Replay(c);
                string key = $"{c.Op,-12} {c.DType,-8}";
                if (!table.TryGetValue(key, out var row)) table[key] = row = new double[5];
                row[0] = Math.Max(row[0], e.ForwardRelative);
                row[1] = Math.Max(row[1], e.ForwardAbsoluteAtZero);
                row[2] = Math.Max(row[2], e.GradRelative);
                row[3] = Math.Max(row[3], e.GradAbsoluteAtZero);
                row[4]++;
            }
            catch (Exception ex)
            {
                failures.Add(ex.Message);
            }
        }
        var text = new StringBuilder($"PyTorch {TorchFixtures.TorchVersion} fixture: {TorchFixtures.All.Count} cases\n");
        text.AppendLine("op           dtype    cases  max rel err fwd  max abs err fwd (at 0)  max rel err grad  max abs err grad (at 0)");
        foreach (var (key, r) in table)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{key} {r[4],5}  {r[0],15:G3}  {r[1],22:G3}  {r[2],16:G3}  {r[3],23:G3}"));
        output.WriteLine(text.ToString());
        Assert.True(failures.Count == 0, $"{failures.Count} cases differ from PyTorch:\n" + string.Join("\n", failures));
    }
}
