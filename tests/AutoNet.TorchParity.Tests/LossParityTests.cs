using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The losses added with the new layers (MSELoss, L1Loss, HuberLoss, BCEWithLogitsLoss, CrossEntropyLoss, NLLLoss)
/// against torch.nn.functional in every reduction, float64 and float32: the loss, the input gradient and the target
/// gradient wherever PyTorch gives one; with ties (input = target) at the kinks, label smoothing, pos_weight and
/// weight, and logits of ±1000.
/// </summary>
public class LossParityTests
{
    private static readonly Reduction[] Reductions = [Reduction.Mean, Reduction.Sum, Reduction.None];
    private static readonly DType[] DTypes = [DType.Float64, DType.Float32];

    public static IEnumerable<object[]> RegressionCases() =>
        from loss in new[] { "MSE", "L1", "Huber 1", "Huber 0.5", "Huber 2" }
        from reduction in Reductions
        from dtype in DTypes
        select new object[] { loss, reduction, dtype };

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void Regression_losses_match_PyTorch_for_both_gradients(string loss, Reduction reduction, DType dtype)
    {
        string name = $"{loss} {reduction} {dtype.Name()}";
        var rng = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var x = Inputs.Make(rng, new InputSpec([6, 3], InputKind.Wide), dtype);
        var y = Inputs.Make(rng, new InputSpec([6, 3], InputKind.Wide), dtype);
        // Ties: input = target, where L1 and Huber have a kink (PyTorch's gradient there is 0), and for Huber points
        // exactly at |input - target| = delta.
        double delta = loss.StartsWith("Huber", StringComparison.Ordinal) ? double.Parse(loss[6..], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var xs = x.ToArray();
        var ys = y.ToArray();
        ys[0] = xs[0];
        ys[4] = xs[4];
        ys[7] = xs[7] - delta;
        ys[11] = xs[11] + delta;
        y = Tensor.From(ys, 6, 3).To(dtype).Detach();
        using var scope = torch.NewDisposeScope();

        Func<Tensor[], Tensor> ours = loss switch
        {
            "MSE" => t => new MSELoss(reduction).Forward(t[0], t[1]),
            "L1" => t => new L1Loss(reduction).Forward(t[0], t[1]),
            _ => t => new HuberLoss(reduction, delta).Forward(t[0], t[1]),
        };
        Func<torch.Tensor[], torch.Tensor> theirs = loss switch
        {
            "MSE" => t => torch.nn.functional.mse_loss(t[0], t[1], reduction.ToTorch()),
            "L1" => t => torch.nn.functional.l1_loss(t[0], t[1], reduction.ToTorch()),
            _ => t => torch.nn.functional.huber_loss(t[0], t[1], delta, reduction.ToTorch()),
        };

        ParityLog.AssertPassed(Parity.Check(ours, theirs, x, y), name);
    }

    public static IEnumerable<object[]> BceCases() =>
        from weights in new[] { "none", "posWeight", "weight", "both" }
        from reduction in Reductions
        from dtype in DTypes
        select new object[] { weights, reduction, dtype };

    [Theory]
    [MemberData(nameof(BceCases))]
    public void BCEWithLogits_matches_PyTorch_for_input_and_target_gradients(string weights, Reduction reduction, DType dtype)
    {
        string name = $"BCEWithLogits {weights} {reduction} {dtype.Name()}";
        var rng = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var x = Inputs.Make(rng, new InputSpec([5, 3], InputKind.Wide), dtype);
        var y = Inputs.Make(rng, new InputSpec([5, 3], InputKind.Probability), dtype);
        var posWeight = weights is "posWeight" or "both" ? Inputs.Make(rng, new InputSpec([3], InputKind.Positive), dtype) : null;
        var weight = weights is "weight" or "both" ? Inputs.Make(rng, new InputSpec([5, 1], InputKind.Positive), dtype) : null;
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            t => new BCEWithLogitsLoss(reduction, posWeight, weight).Forward(t[0], t[1]),
            t => torch.nn.functional.binary_cross_entropy_with_logits(t[0], t[1], weight?.ToTorch(), reduction.ToTorch(), posWeight?.ToTorch()),
            x, y);

        ParityLog.AssertPassed(result, name);
    }

    // Logits of ±1000 against targets 0, 1 and soft ones: the loss is 1000 or 0 (times the weights), never inf or NaN.
    private static readonly double[] ExtremeLogits = [1000, -1000, 1000, -1000, 1000, -1000, 0, 50, -50];
    private static readonly double[] ExtremeTargets = [0, 1, 1, 0, 0.3, 0.7, 1, 0, 1];

    public static IEnumerable<object[]> ExtremeCases() =>
        from posWeight in new[] { false, true }
        from reduction in Reductions
        from dtype in DTypes
        select new object[] { posWeight, reduction, dtype };

    [Theory]
    [MemberData(nameof(ExtremeCases))]
    public void BCEWithLogits_matches_PyTorch_at_logits_of_plus_minus_1000(bool withPosWeight, Reduction reduction, DType dtype)
    {
        var x = Tensor.From(ExtremeLogits, 3, 3).To(dtype).Detach();
        var y = Tensor.From(ExtremeTargets, 3, 3).To(dtype).Detach();
        var posWeight = withPosWeight ? Tensor.From([0.5, 2.0, 3.0]).To(dtype).Detach() : null;
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            t => F.BinaryCrossEntropyWithLogits(t[0], t[1], reduction, posWeight),
            t => torch.nn.functional.binary_cross_entropy_with_logits(t[0], t[1], null, reduction.ToTorch(), posWeight?.ToTorch()),
            x, y);

        ParityLog.AssertPassed(result, $"BCEWithLogits ±1000 posWeight={withPosWeight} {reduction} {dtype.Name()}");
        Assert.All(F.BinaryCrossEntropyWithLogits(x, y, Reduction.None, posWeight).ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    public static IEnumerable<object[]> CrossEntropyCases() =>
        from smoothing in new[] { 0.0, 0.1, 0.35 }
        from reduction in Reductions
        from dtype in DTypes
        select new object[] { smoothing, reduction, dtype };

    [Theory]
    [MemberData(nameof(CrossEntropyCases))]
    public void CrossEntropy_with_class_indices_matches_PyTorch(double smoothing, Reduction reduction, DType dtype)
    {
        string name = $"CrossEntropy indices smoothing {smoothing} {reduction} {dtype.Name()}";
        var rng = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var logits = Inputs.Make(rng, new InputSpec([6, 4], InputKind.Wide), dtype);
        int[] target = [0, 3, 1, 1, 2, 3];
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            t => new CrossEntropyLoss(reduction, smoothing).Forward(t, target),
            t => torch.nn.functional.cross_entropy(t, torch.tensor(target.Select(c => (long)c).ToArray()), reduction: reduction.ToTorch(), label_smoothing: smoothing),
            logits);

        ParityLog.AssertPassed(result, name);
    }

    [Theory]
    [MemberData(nameof(CrossEntropyCases))]
    public void CrossEntropy_with_class_probabilities_matches_PyTorch_for_both_gradients(double smoothing, Reduction reduction, DType dtype)
    {
        string name = $"CrossEntropy probabilities smoothing {smoothing} {reduction} {dtype.Name()}";
        var rng = new Data.NumPyRandomState(Inputs.StableSeed(name));
        var logits = Inputs.Make(rng, new InputSpec([5, 4], InputKind.Wide), dtype);
        var raw = Inputs.Make(rng, new InputSpec([5, 4], InputKind.Positive), dtype);
        var target = (raw / raw.Sum(1, keepDim: true)).Detach();
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            t => new CrossEntropyLoss(reduction, smoothing).Forward(t[0], t[1]),
            t => torch.nn.functional.cross_entropy(t[0], t[1], reduction: reduction.ToTorch(), label_smoothing: smoothing),
            logits, target);

        ParityLog.AssertPassed(result, name);
    }

    [Theory]
    [InlineData(0.0, DType.Float64)]
    [InlineData(0.0, DType.Float32)]
    [InlineData(0.2, DType.Float64)]
    [InlineData(0.2, DType.Float32)]
    public void CrossEntropy_matches_PyTorch_at_logits_of_plus_minus_1000(double smoothing, DType dtype)
    {
        var logits = Tensor.From([1000.0, -1000, 0, -1000, 1000, 0, 0, 0, 1000, 1000, 1000, -1000], 4, 3).To(dtype).Detach();
        int[] target = [0, 0, 1, 2];
        using var scope = torch.NewDisposeScope();

        foreach (var reduction in Reductions)
        {
            var result = Parity.Check(
                t => F.CrossEntropy(t, target, reduction, smoothing),
                t => torch.nn.functional.cross_entropy(t, torch.tensor(target.Select(c => (long)c).ToArray()), reduction: reduction.ToTorch(), label_smoothing: smoothing),
                logits);
            ParityLog.AssertPassed(result, $"CrossEntropy ±1000 smoothing {smoothing} {reduction} {dtype.Name()}");
        }
        // Row 1 puts 2000 between the target's logit and the largest: its loss is 2000 (not inf).
        Assert.Equal(2000.0 * (1 - smoothing) + smoothing / 3 * (2000 + 0 + 1000), F.CrossEntropy(logits, target, Reduction.None, smoothing).ToArray()[1], 9);
    }

    public static IEnumerable<object[]> NllCases() =>
        from reduction in Reductions
        from dtype in DTypes
        select new object[] { reduction, dtype };

    [Theory]
    [MemberData(nameof(NllCases))]
    public void NLLLoss_matches_PyTorch(Reduction reduction, DType dtype)
    {
        string name = $"NLLLoss {reduction} {dtype.Name()}";
        var logits = Inputs.Make(name, dtype, [new InputSpec([6, 5], InputKind.Wide)])[0];
        var logProbabilities = logits.LogSoftmax(1).Detach();
        int[] target = [4, 0, 2, 2, 1, 3];
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(
            t => new NLLLoss(reduction).Forward(t, target),
            t => torch.nn.functional.nll_loss(t, torch.tensor(target.Select(c => (long)c).ToArray()), reduction: reduction.ToTorch()),
            logProbabilities);

        ParityLog.AssertPassed(result, name);
    }
}
