using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Every op on Tensor, in float64 and float32, compared with libtorch: the output, and the gradient of every input
/// for the same random output gradient (<see cref="OpCases"/> lists the cases). Each case is its own test.
/// </summary>
public class OpParityTests
{
    public static IEnumerable<object[]> Cases() =>
        from name in OpCases.All.Keys
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { name, dtype };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Op_matches_PyTorch(string name, DType dtype)
    {
        var c = OpCases.All[name];
        var inputs = Inputs.Make(name, dtype, c.Inputs);
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(c.AutoNet, c.Torch, inputs);

        ParityLog.AssertPassed(result, $"{name} {dtype.Name()}");
        Assert.Equal(1 + inputs.Length, result.Comparisons.Count); // the output and one gradient per input
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Max_sends_the_gradient_to_the_first_of_tied_maxima_as_PyTorch(DType dtype)
    {
        // Row 0 ties at 3 (indices 1 and 2), row 1 ties at 2 (indices 0 and 1), row 2 ties everywhere.
        var x = Tensor.From([1.0, 3, 3, 2, 2, 1, 5, 5, 5], 3, 3).To(dtype).Detach();
        using var scope = torch.NewDisposeScope();

        foreach (int dim in new[] { 0, 1, -1 })
        {
            var result = Parity.Check(t => t.Max(dim), t => t.max(dim).values, x);
            ParityLog.AssertPassed(result, $"Max ties dim {dim} {dtype.Name()}");
        }
    }
}
