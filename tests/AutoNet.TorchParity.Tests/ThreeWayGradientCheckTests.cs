using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// GradientCheck.ThreeWay: AutoNet's backward against finite differences, PyTorch and a hand-written gradient in one
/// report. A correct op passes all three; a wrong backward fails both finite differences and PyTorch (and
/// Autograd.GradCheck); a wrong forward with a consistent backward passes finite differences but fails PyTorch.
/// </summary>
public class ThreeWayGradientCheckTests
{
    private static Tensor Points(DType dtype) => Tensor.From([-3.0, -1.25, -0.5, 0.0, 0.3, 1.0, 2.5]).To(dtype).Detach();

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void A_correct_op_agrees_with_all_three_references(DType dtype)
    {
        var x = Points(dtype);

        var result = GradientCheck.ThreeWay("softplus",
            t => (1.0 + t.Exp()).Log(), t => torch.nn.functional.softplus(t), x,
            handWritten: (t, g) => g * t.Sigmoid(),
            // The hand-written formula rounds differently from the backward of log(1 + eˣ).
            options: new GradientCheckOptions { HandWrittenTolerance = dtype == DType.Float64 ? new(1e-12, 1e-14) : new(1e-5, 1e-6) });

        Record(result, $"three-way softplus {dtype.Name()}");
        Assert.True(result.Passed, result.ToString());
        var input = Assert.Single(result.Inputs);
        Assert.Equal(["finite differences", "PyTorch", "hand-written"], input.Comparisons.Select(c => c.ReferenceName));
        Assert.Equal("AutoNet's backward agrees with every reference", input.Verdict);
        Assert.StartsWith("GradientCheck.ThreeWay softplus (1 input): PASSED", result.ToString());
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void A_correct_op_of_two_inputs_with_broadcasting_agrees(DType dtype)
    {
        var inputs = Inputs.Make("three-way two inputs", dtype, [new InputSpec([3, 4]), new InputSpec([4], InputKind.Positive)]);

        var result = GradientCheck.ThreeWay("a * log(b) + a²",
            xs => xs[0] * xs[1].Log() + xs[0] * xs[0],
            xs => xs[0] * xs[1].log() + xs[0] * xs[0],
            inputs,
            (xs, g) => [g * (xs[1].Log() + 2.0 * xs[0]), (g * xs[0] / xs[1]).Sum(0)],
            new GradientCheckOptions { Tolerance = dtype == DType.Float64 ? new(1e-12, 1e-14, 1e-13) : null });

        Record(result, $"three-way two inputs {dtype.Name()}");
        Assert.True(result.Passed, result.ToString());
        Assert.Equal([0, 1], result.Inputs.Select(i => i.Index));
    }

    [Fact]
    public void A_wrong_backward_fails_GradCheck_and_both_finite_differences_and_PyTorch()
    {
        var x = Points(DType.Float64);

        var gradCheck = Autograd.GradCheck(xs => new SquareWithWrongBackward().Apply(xs[0]), [Leaf(x)]);
        var parity = Parity.Check(t => new SquareWithWrongBackward().Apply(t), t => t * t, x);
        var result = GradientCheck.ThreeWay("SquareWithWrongBackward",
            t => new SquareWithWrongBackward().Apply(t), t => t * t, x, handWritten: (t, g) => g * 2.0 * t);

        Assert.False(gradCheck.Passed);
        Assert.Contains("GradCheck failed for input 0", gradCheck.ToString());
        Assert.False(parity.Passed);
        Assert.Contains("FAIL gradient of input 0", parity.ToString());
        Assert.False(result.Passed);
        Assert.True(result.Forward.Passed, result.ToString());
        var input = Assert.Single(result.Inputs);
        Assert.False(input.FiniteDifferences.Passed);
        Assert.False(input.PyTorch!.Passed);
        Assert.False(input.HandWritten!.Passed);
        string report = result.ToString();
        Assert.StartsWith("GradientCheck.ThreeWay SquareWithWrongBackward (1 input): FAILED", report);
        Assert.Contains("input 0 [7] float64, AutoNet's gradient vs", report);
        Assert.Contains("finite differences: FAIL", report);
        Assert.Contains("PyTorch: FAIL", report);
        Assert.Contains("AutoNet's backward is wrong: it disagrees with both finite differences and PyTorch", report);
        // The worst element carries both values: 3x·g against 2x·g at x = -3.
        Assert.Equal(1.5, input.PyTorch.Worst!.AutoNetValue / input.PyTorch.Worst.TorchValue, 12);
    }

    [Fact]
    public void A_wrong_backward_for_one_input_is_reported_for_that_input_only()
    {
        var inputs = Inputs.Make("three-way wrong second input", DType.Float64, [new InputSpec([2, 3]), new InputSpec([2, 3])]);

        var gradCheck = Autograd.GradCheck(xs => new MulWithWrongSecondGradient().Apply(xs[0], xs[1]), inputs.Select(Leaf).ToArray());
        var result = GradientCheck.ThreeWay("MulWithWrongSecondGradient",
            xs => new MulWithWrongSecondGradient().Apply(xs[0], xs[1]), xs => xs[0] * xs[1], inputs);

        Assert.False(gradCheck.Passed);
        Assert.Contains("GradCheck failed for input 1", gradCheck.ToString());
        Assert.False(result.Passed);
        Assert.True(result.Inputs[0].Passed, result.ToString());
        Assert.False(result.Inputs[1].FiniteDifferences.Passed);
        Assert.False(result.Inputs[1].PyTorch!.Passed);
        Assert.Null(result.Inputs[1].HandWritten);
        Assert.Contains("MulWithWrongSecondGradient (2 inputs): FAILED", result.ToString());
        Assert.All(result.Failures, f => Assert.Equal("gradient of input 1", f.Name));
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void A_wrong_forward_with_a_consistent_backward_passes_finite_differences_but_not_PyTorch(DType dtype)
    {
        var x = Points(dtype);

        // A classic slip: sigmoid(x) = (1 + tanh(x / 2)) / 2, written without the / 2 inside tanh. Its backward is
        // AutoNet's own tanh backward, so it is the exact derivative of the wrong function.
        var result = GradientCheck.ThreeWay("sigmoid via tanh", t => 0.5 * (1.0 + t.Tanh()), t => t.sigmoid(), x);

        Assert.False(result.Passed);
        Assert.False(result.Forward.Passed);
        var input = Assert.Single(result.Inputs);
        Assert.True(input.FiniteDifferences.Passed, result.ToString());
        Assert.False(input.PyTorch!.Passed);
        Assert.Contains("consistent with its own forward, but that forward is not PyTorch's", input.Verdict);
        Assert.Contains("forward, AutoNet vs PyTorch: FAIL", result.ToString());
    }

    [Fact]
    public void A_user_op_with_a_wrong_forward_and_its_exact_backward_is_caught_only_by_PyTorch()
    {
        var x = Points(DType.Float64);

        var gradCheck = Autograd.GradCheck(xs => new SigmoidApproximatedGelu().Apply(xs[0]), [Leaf(x)]);
        var result = GradientCheck.ThreeWay("SigmoidApproximatedGelu",
            t => new SigmoidApproximatedGelu().Apply(t), t => torch.nn.functional.gelu(t), x);

        Assert.True(gradCheck.Passed, gradCheck.ToString());
        Assert.True(result.Inputs[0].FiniteDifferences.Passed, result.ToString());
        Assert.False(result.Forward.Passed);
        Assert.False(result.Inputs[0].PyTorch!.Passed);
    }

    [Fact]
    public void A_wrong_hand_written_gradient_is_the_only_failure_and_the_verdict_says_so()
    {
        var x = Points(DType.Float64);

        var result = GradientCheck.ThreeWay("softplus",
            t => (1.0 + t.Exp()).Log(), t => torch.nn.functional.softplus(t), x,
            handWritten: (t, g) => g * t.Sigmoid() * (1.0 - t.Sigmoid())); // σ' instead of σ: one derivative too many

        Assert.False(result.Passed);
        var input = Assert.Single(result.Inputs);
        Assert.True(input.FiniteDifferences.Passed && input.PyTorch!.Passed, result.ToString());
        Assert.False(input.HandWritten!.Passed);
        Assert.Contains("the hand-written formula is the suspect", input.Verdict);
        Assert.Contains("hand-written: FAIL", result.ToString());
        Assert.Contains("hand-written ", input.HandWritten.Worst!.ToString());
    }

    [Fact]
    public void Constant_inputs_are_not_differentiated()
    {
        var inputs = Inputs.Make("three-way constant", DType.Float64, [new InputSpec([4]), new InputSpec([4], InputKind.Probability)]);

        var result = GradientCheck.ThreeWay("mse",
            xs => (xs[0] - xs[1]).Pow(2).Mean(), xs => (xs[0] - xs[1]).pow(2).mean(), inputs,
            (xs, g) => [g * 2.0 * (xs[0] - xs[1]) / 4.0, null],
            new GradientCheckOptions { ConstantInputs = [1] });

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(0, Assert.Single(result.Inputs).Index);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_a_message_naming_them()
    {
        var x = Points(DType.Float64);

        var e1 = Assert.Throws<ArgumentException>(() => GradientCheck.ThreeWay("f", xs => xs[0], xs => xs[0], [x],
            options: new GradientCheckOptions { ConstantInputs = [3] }));
        var e2 = Assert.Throws<ArgumentException>(() => GradientCheck.ThreeWay("f", t => t, t => t, x,
            options: new GradientCheckOptions { Eps = 0 }));
        var e3 = Assert.Throws<InvalidOperationException>(() => GradientCheck.ThreeWay("f", xs => xs[0] * xs[1], xs => xs[0] * xs[1], [x, x],
            (xs, g) => [g]));

        Assert.Contains("constant input index 3 is out of range", e1.Message);
        Assert.Contains("Eps must be a positive finite number", e2.Message);
        Assert.Contains("returned 1 gradients; expected one per input (2)", e3.Message);
    }

    private static Tensor Leaf(Tensor t)
    {
        var copy = t.Detach().To(DType.Float64).Detach();
        copy.RequiresGrad = true;
        return copy;
    }

    private static void Record(ThreeWayResult result, string caseName)
    {
        ParityLog.Record(caseName, "output vs PyTorch", result.Forward.DType, result.Forward.MaxAbsoluteError, result.Forward.MaxRelativeError);
        foreach (var c in result.Inputs.SelectMany(i => i.Comparisons))
            ParityLog.Record(caseName, $"{c.Name} vs {c.ReferenceName}", c.DType, c.MaxAbsoluteError, c.MaxRelativeError);
    }

    /// <summary>x² with the derivative 3x instead of 2x.</summary>
    private sealed class SquareWithWrongBackward : Autograd.Function
    {
        private SavedTensor _x = null!;

        protected override Tensor Forward(Tensor[] inputs)
        {
            _x = Save(inputs[0]);
            return inputs[0] * inputs[0];
        }

        protected override Tensor?[] Backward(Tensor grad) => [grad * 3.0 * _x.Value]; // wrong: d/dx x² = 2x
    }

    /// <summary>a·b whose gradient for b is grad·a + grad (one term too many); the gradient for a is right.</summary>
    private sealed class MulWithWrongSecondGradient : Autograd.Function
    {
        private SavedTensor _a = null!, _b = null!;

        protected override Tensor Forward(Tensor[] inputs)
        {
            _a = Save(inputs[0]);
            _b = Save(inputs[1]);
            return inputs[0] * inputs[1];
        }

        protected override Tensor?[] Backward(Tensor grad) => [grad * _b.Value, grad * _a.Value + grad];
    }

    /// <summary>GELU approximated as x·σ(1.702x), with that approximation's exact derivative σ(1.702x)·(1 + 1.702x·(1 - σ(1.702x))):
    /// consistent with itself, but not PyTorch's GELU.</summary>
    private sealed class SigmoidApproximatedGelu : Autograd.Function
    {
        private SavedTensor _x = null!;

        protected override Tensor Forward(Tensor[] inputs)
        {
            _x = Save(inputs[0]);
            return inputs[0] * (1.702 * inputs[0]).Sigmoid();
        }

        protected override Tensor?[] Backward(Tensor grad)
        {
            var x = _x.Value;
            var s = (1.702 * x).Sigmoid();
            return [grad * s * (1.0 + 1.702 * x * (1.0 - s))];
        }
    }
}
