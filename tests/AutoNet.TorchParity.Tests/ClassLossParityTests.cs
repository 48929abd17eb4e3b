using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// CrossEntropy and NllLoss with class weights, ignoreIndex, K-dim and unbatched inputs and Int64 targets, live
/// against libtorch's cross_entropy / nll_loss through TorchSharp (value and input gradient, float64 and float32).
/// The Int64 targets go to TorchSharp through ToTorch().
/// </summary>
public class ClassLossParityTests
{
    private static (int[] InputShape, long[] Target, int[] TargetShape) Layout(string name) => name switch
    {
        "2d" => ([6, 4], [0, 3, -100, 1, 2, 3], [6]),
        "k1" => ([2, 4, 3], [0, 2, 1, -100, 3, 2], [2, 3]),
        "k2" => ([2, 4, 2, 2], [1, 0, 3, 2, 1, 1, 0, -100], [2, 2, 2]),
        "unbatched" => ([4], [2], []),
        "unbatched ignored" => ([4], [-100], []),
        _ => throw new ArgumentException(name),
    };

    public static IEnumerable<object[]> Cases() =>
        from layout in new[] { "2d", "k1", "k2", "unbatched", "unbatched ignored" }
        from weighted in new[] { false, true }
        from ignoreIndex in new[] { -100, 1 }
        from smoothing in new[] { 0.0, 0.2 }
        from reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None }
        from dtype in new[] { DType.Float64, DType.Float32 }
        where !(layout == "unbatched ignored" && reduction == Reduction.Mean) // 0/0: NaN on both sides, checked in the fixture tests
        select new object[] { layout, weighted, ignoreIndex, smoothing, reduction, dtype };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CrossEntropy_and_NllLoss_match_PyTorch(string layout, bool weighted, int ignoreIndex, double smoothing, Reduction reduction, DType dtype)
    {
        string name = $"class loss {layout} weight={weighted} ignore={ignoreIndex} ls={smoothing} {reduction} {dtype.Name()}";
        var (shape, values, targetShape) = Layout(layout);
        var x = Inputs.Make(name, dtype, [new InputSpec(shape, InputKind.Wide)])[0];
        // The skipped targets hold the ignore index in use.
        var target = Tensor.From([.. values.Select(v => v == -100 ? ignoreIndex : v)]).Reshape(targetShape);
        var weight = weighted ? Tensor.From([0.5, 2.0, 1.5, 0.25]).To(dtype) : null;
        using var scope = torch.NewDisposeScope();
        var torchTarget = target.ToTorch();
        var torchWeight = weight?.ToTorch();

        var ce = Parity.Check(
            t => F.CrossEntropy(t, target, reduction, smoothing, weight, ignoreIndex),
            t => torch.nn.functional.cross_entropy(t, torchTarget, torchWeight, ignore_index: ignoreIndex, reduction: reduction.ToTorch(), label_smoothing: smoothing),
            x);
        ParityLog.AssertPassed(ce, "CrossEntropy " + name);
        // TorchSharp's nll_loss has no ignore_index parameter (libtorch's default, -100, applies) and goes through
        // libtorch's C++ API, which refuses a 1-D input: the NLL check runs with the default index (the layouts' -100
        // targets are still skipped) on batched inputs; the unbatched NLL is in the recorded-PyTorch tests.
        if (smoothing != 0 || ignoreIndex != -100 || shape.Length == 1) return;

        var logp = x.LogSoftmax(shape.Length == 1 ? 0 : 1).Detach();
        var nll = Parity.Check(
            (Tensor t) => F.NllLoss(t, target, reduction, weight),
            t => torch.nn.functional.nll_loss(t, torchTarget, torchWeight, reduction: reduction.ToTorch()),
            logp);
        ParityLog.AssertPassed(nll, "NllLoss " + name);
    }
}
