using AutoNet.CaseTable;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Every case of the op table (tests/OpCases/op-cases.json: each op, broadcasting pattern, argument set and dtype,
/// the same cases the PyTorch fixture records) compared live with libtorch: the output, and the gradient of every
/// input that requires grad for the same random output gradient. The AutoNet spelling of an op is in
/// <see cref="OpCatalog"/>, the TorchSharp one in <see cref="TorchOpCatalog"/>. Each case is its own test.
/// </summary>
public class OpParityTests
{
    public static IEnumerable<object[]> Cases() => OpTable.ById.Keys.Order(StringComparer.Ordinal).Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Op_matches_PyTorch(string id)
    {
        var (c, dtype) = OpTable.ById[id];
        var inputs = OpTable.MakeInputs(c, dtype);
        var constant = Enumerable.Range(0, inputs.Length).Where(i => !inputs[i].RequiresGrad).ToArray();
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(x => OpCatalog.Apply(c.Op, c.Args, x), x => TorchOpCatalog.Apply(c.Op, c.Args, x),
            new ParityOptions { ConstantInputs = constant, Tolerance = ToleranceOf(dtype) }, inputs);

        ParityLog.AssertPassed(result, id);
        Assert.Equal(1 + inputs.Length - constant.Length, result.Comparisons.Count); // the output and one gradient per input
    }

    /// <summary>
    /// The tolerance of a case variant: the default one of each compared tensor's dtype, except for "mixed" cases
    /// (a float32 tensor with a float64 0-d operand), which compute in float32, so that even the float64 operand's
    /// gradient is a float32 sum; the replay of the PyTorch fixture holds them to float32 tolerances as well.
    /// </summary>
    internal static ParityTolerance? ToleranceOf(string variant) => variant == "mixed" ? ParityTolerance.Float32 : null;

    [Fact]
    public void EveryTableOp_HasATorchSpelling()
    {
        var missing = OpTable.Ops.Where(op => !TorchOpCatalog.Torch.ContainsKey(op)).ToList();
        Assert.True(missing.Count == 0, $"ops in tests/OpCases/op-cases.json without a TorchSharp spelling in TorchOpCatalog.cs: {string.Join(", ", missing)}");
        var unused = TorchOpCatalog.Torch.Keys.Except(OpTable.Ops).ToList();
        Assert.True(unused.Count == 0, $"ops in TorchOpCatalog.cs without a row in tests/OpCases/op-cases.json: {string.Join(", ", unused)}");
    }
}
