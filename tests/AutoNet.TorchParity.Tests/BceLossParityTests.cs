using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Binary cross-entropy (F.BinaryCrossEntropy and BCELoss) against torch.nn.functional.binary_cross_entropy in
/// each reduction mode: values, input gradients and target gradients, including probabilities of exactly 0 and 1
/// (where PyTorch clamps each log at -100).
/// </summary>
public class BceLossParityTests
{
    public static IEnumerable<object[]> Cases() =>
        from reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None }
        from targets in new[] { "soft", "hard" }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { reduction, targets, dtype };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BCE_matches_PyTorch_for_probabilities_inside_0_1(Reduction reduction, string targets, DType dtype)
    {
        string name = $"BCE {reduction} {targets} targets {dtype.Name()}";
        var rng = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var p = Inputs.Make(rng, new InputSpec([5, 3], InputKind.Probability), dtype);
        var y = targets == "soft"
            ? Inputs.Make(rng, new InputSpec([5, 3], InputKind.Probability), dtype)
            : Tensor.From(rng.Rand(15).ToArray().Select(u => u < 0.5 ? 0.0 : 1.0).ToArray(), 5, 3).To(dtype).Detach();
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            xs => new BCELoss(reduction).Forward(xs[0], xs[1]),
            xs => torch.nn.functional.binary_cross_entropy(xs[0], xs[1], reduction: reduction.ToTorch()),
            p, y);

        ParityLog.AssertPassed(result, name);
    }

    // Every combination of p in {0, 1} with targets 0, 1 and soft ones, beside ordinary values.
    private static readonly double[] EdgeP = [0, 0, 0, 1, 1, 1, 0.5, 1e-30, 1 - 1e-12, 0.25];
    private static readonly double[] EdgeY = [0, 1, 0.3, 0, 1, 0.7, 1, 1, 0, 0.25];

    [Theory]
    [InlineData(Reduction.Mean, DType.Float64)]
    [InlineData(Reduction.Sum, DType.Float64)]
    [InlineData(Reduction.None, DType.Float64)]
    [InlineData(Reduction.Mean, DType.Float32)]
    [InlineData(Reduction.Sum, DType.Float32)]
    [InlineData(Reduction.None, DType.Float32)]
    public void BCE_loss_and_input_gradient_match_PyTorch_at_probabilities_0_and_1(Reduction reduction, DType dtype)
    {
        var (p, y) = CheckEdges(reduction, dtype, constantInput: 1, "input gradient");
        // The clamp at -100 is what keeps these finite: p = 0 with y = 1 costs exactly 100.
        var perElement = F.BinaryCrossEntropy(p, y, Reduction.None).ToArray();
        Assert.Equal(100.0, perElement[1]);
        Assert.Equal(100.0, perElement[3]);
        Assert.Equal(0.0, perElement[0]);
    }

    [Theory]
    [InlineData(Reduction.Mean, DType.Float64)]
    [InlineData(Reduction.Sum, DType.Float64)]
    [InlineData(Reduction.None, DType.Float64)]
    [InlineData(Reduction.Mean, DType.Float32)]
    [InlineData(Reduction.Sum, DType.Float32)]
    [InlineData(Reduction.None, DType.Float32)]
    public void BCE_target_gradient_matches_PyTorch_at_probabilities_0_and_1(Reduction reduction, DType dtype)
    {
        CheckEdges(reduction, dtype, constantInput: 0, "target gradient");
    }

    /// <summary>BCE at the edge probabilities against PyTorch, differentiating the input not held constant.</summary>
    private static (Tensor P, Tensor Y) CheckEdges(Reduction reduction, DType dtype, int constantInput, string what)
    {
        var p = Tensor.From(EdgeP).To(dtype).Detach();
        var y = Tensor.From(EdgeY).To(dtype).Detach();
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            xs => F.BinaryCrossEntropy(xs[0], xs[1], reduction),
            xs => torch.nn.functional.binary_cross_entropy(xs[0], xs[1], reduction: reduction.ToTorch()),
            new ParityOptions { ConstantInputs = [constantInput] },
            p, y);

        ParityLog.AssertPassed(result, $"BCE edges {reduction} {dtype.Name()} ({what})");
        return (p, y);
    }
}
