using AutoNet.CaseTable;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>
/// Every case of the op table (tests/OpCases/op-cases.json) replayed against PyTorch 1.13's recording of it
/// (Fixtures/torch/torch-ops.json, written by record_torch_ops.py from the same table), one test per case and dtype;
/// and the checks that the table, the recording and <see cref="OpCatalog"/> agree, so that a row added without
/// regenerating the fixture, or without its AutoNet spelling, fails with the op's name.
/// </summary>
public class OpTableReplayTests
{
    public static TheoryData<string> FixtureCases => new(TorchFixtures.All.Select(c => c.Id).Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(FixtureCases))]
    public void MatchesPyTorch(string id) => TorchReplay.Replay(id);

    [Fact]
    public void EveryTableCase_HasARecordedFixtureCase()
    {
        var recorded = TorchFixtures.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var missing = OpTable.ById.Where(e => e.Value.Case.NotReplayed is null && !recorded.Contains(e.Key))
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} table cases have no PyTorch recording (ops: {string.Join(", ", missing.Select(OpOf).Distinct())}); regenerate the fixture: " +
            $"/usr/bin/python3 tests/AutoNet.Tests/Fixtures/torch/record_torch_ops.py\n{string.Join("\n", missing.Take(20))}");
    }

    [Fact]
    public void EveryFixtureCase_HasATableRow()
    {
        var stale = TorchFixtures.All.Select(c => c.Id)
            .Where(id => !OpTable.ById.TryGetValue(id, out var row) || row.Case.NotReplayed is not null).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0,
            $"{stale.Count} recorded cases are not in tests/OpCases/op-cases.json (ops: {string.Join(", ", stale.Select(OpOf).Distinct())}); regenerate the fixture.\n" +
            string.Join("\n", stale.Take(20)));
    }

    [Fact]
    public void EveryTableOp_HasAnAutoNetSpelling()
    {
        var missing = OpTable.Ops.Where(op => !OpCatalog.AutoNet.ContainsKey(op)).ToList();
        Assert.True(missing.Count == 0, $"ops in the table without an AutoNet spelling in tests/Shared/OpCatalog.cs: {string.Join(", ", missing)}");
        var unused = OpCatalog.AutoNet.Keys.Except(OpTable.Ops).ToList();
        Assert.True(unused.Count == 0, $"ops in tests/Shared/OpCatalog.cs without a row in tests/OpCases/op-cases.json: {string.Join(", ", unused)}");
    }

    /// <summary>The C# expansion of the table (used live by the parity tests) gives PyTorch's recorded inputs bit for
    /// bit: the same shapes, dtypes, requires_grad flags and values. A row edited without regenerating the fixture,
    /// or a difference between OpTable.cs and record_torch_ops.py, fails here.</summary>
    [Fact]
    public void TableInputs_AreTheRecordedInputs()
    {
        var differences = new List<string>();
        foreach (var c in TorchFixtures.All)
        {
            if (!OpTable.ById.TryGetValue(c.Id, out var row)) continue; // reported by EveryFixtureCase_HasATableRow
            var inputs = OpTable.MakeInputs(row.Case, row.DType);
            if (inputs.Length != c.Inputs.Length)
            {
                differences.Add($"{c.Id}: {inputs.Length} inputs in the table, {c.Inputs.Length} recorded");
                continue;
            }
            for (int i = 0; i < inputs.Length; i++)
            {
                var recorded = c.Inputs[i];
                if (inputs[i].DType != recorded.AutoNetDType || !inputs[i].Shape.SequenceEqual(recorded.Shape)
                    || inputs[i].RequiresGrad != recorded.RequiresGrad || !inputs[i].ToArray().SequenceEqual(recorded.Data))
                    differences.Add($"{c.Id}: input {i} differs from the recording (dtype, shape, requires_grad or values)");
            }
            if (row.Case.Args.NamePart != c.Args.NamePart)
                differences.Add($"{c.Id}: arguments {row.Case.Args.NamePart} in the table, {c.Args.NamePart} recorded");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} differences; regenerate the fixture or mend OpTable.cs:\n" + string.Join("\n", differences.Take(20)));
    }

    [Fact]
    public void TableHasEveryBroadcastPatternWithA0DOperand()
    {
        var patterns = OpTable.Patterns("broadcast");
        Assert.Contains(patterns, p => p[0].Length == 0 && p[1].Length > 0);
        Assert.Contains(patterns, p => p[0].Length > 0 && p[1].Length == 0);
        Assert.Contains(patterns, p => p[0].Length == 0 && p[1].Length == 0);
    }

    private static string OpOf(string id) => id[..id.IndexOf('/')];
}
