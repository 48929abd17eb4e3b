using AutoNet.Nn;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>The parity helper itself: it must catch wrong values and wrong gradients, and say where.</summary>
public class ParityHelperTests
{
    private static readonly Tensor X = Tensor.From([0.5, -1.5, 2.0, 3.0, -0.25, 1.0], 2, 3);

    [Fact]
    public void A_wrong_gradient_fails_and_names_the_input_the_element_and_both_values()
    {
        using var scope = torch.NewDisposeScope();

        // Same values (x·x), but AutoNet's version lets the gradient through only one factor: x instead of 2x.
        // The lambdas' types are spelled out: with one input, `xs => xs[0]` would also bind to the one-tensor overload,
        // where xs[0] is the tensor's first row (Tensor's indexer).
        var result = Parity.Check((Tensor[] xs) => xs[0].Detach() * xs[0], (torch.Tensor[] xs) => xs[0] * xs[0], X);

        Assert.False(result.Passed);
        Assert.True(result.Comparisons[0].Passed); // the outputs agree
        var failure = Assert.Single(result.Failures);
        Assert.Equal("gradient of input 0", failure.Name);
        Assert.Equal(6, failure.MismatchCount);
        Assert.NotNull(failure.Worst);
        double expectedRelative = 0.5; // x·g against 2x·g
        Assert.Equal(expectedRelative, failure.Worst!.RelativeError, 12);
        Assert.Equal(failure.Worst.TorchValue / 2, failure.Worst.AutoNetValue, 12);
        string text = result.ToString();
        Assert.Contains("FAILED", text);
        Assert.Contains("FAIL gradient of input 0 [2, 3] float64", text);
        Assert.Contains($"[{string.Join(", ", failure.Worst.Index)}]: AutoNet ", text);
        Assert.Contains("PyTorch ", text);
        Assert.Contains("rel error 0.5", text);
    }

    [Fact]
    public void A_value_off_by_1e_10_fails_in_float64_but_not_in_float32()
    {
        using var scope = torch.NewDisposeScope();

        var f64 = Parity.Check(x => x * (1 + 1e-10), x => x.clone(), X);
        var f32 = Parity.Check(x => x * (1 + 1e-10), x => x.clone(), X.To(DType.Float32).Detach());

        Assert.False(f64.Passed);
        Assert.Equal("output", f64.FirstFailure!.Name);
        Assert.InRange(f64.MaxRelativeError, 0.9e-10, 1.1e-10);
        Assert.True(f32.Passed, f32.ToString()); // 1 + 1e-10 rounds to 1 in float32
    }

    [Fact]
    public void Different_shapes_or_dtypes_are_reported_instead_of_compared()
    {
        using var scope = torch.NewDisposeScope();

        var shape = Parity.Check(x => x.Sum(0), x => x.sum(1), X);
        var dtype = Parity.Check(x => x * 2.0, x => (x * 2.0).to_type(torch.ScalarType.Float32), X);

        Assert.False(shape.Passed);
        Assert.Contains("shapes differ: AutoNet [3], PyTorch [2]", shape.ToString());
        Assert.Single(shape.Comparisons); // gradients are not compared when the outputs cannot be
        Assert.False(dtype.Passed);
        Assert.Contains("dtypes differ: AutoNet float64, PyTorch float32", dtype.ToString());
    }

    [Fact]
    public void NaN_matches_only_NaN_and_infinity_only_the_same_infinity()
    {
        var tolerance = ParityTolerance.Float64;
        Assert.True(tolerance.Accepts(double.NaN, double.NaN));
        Assert.False(tolerance.Accepts(double.NaN, 1.0));
        Assert.False(tolerance.Accepts(1.0, double.NaN));
        Assert.True(tolerance.Accepts(double.PositiveInfinity, double.PositiveInfinity));
        Assert.False(tolerance.Accepts(double.NegativeInfinity, double.PositiveInfinity));
        Assert.False(tolerance.Accepts(1e308, double.PositiveInfinity));
        Assert.True(tolerance.Accepts(1.0 + 5e-13, 1.0));
        Assert.False(tolerance.Accepts(1.0 + 5e-12, 1.0));
        Assert.True(tolerance.Accepts(5e-15, 0.0)); // the absolute tolerance rules near zero
    }

    [Fact]
    public void Constant_inputs_get_no_gradient_comparison_and_inputs_are_not_changed()
    {
        using var scope = torch.NewDisposeScope();
        var y = Tensor.From([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        var before = X.ToArray();

        var result = Parity.Check(xs => xs[0] * xs[1], xs => xs[0] * xs[1], new ParityOptions { ConstantInputs = [1] }, X, y);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["output", "gradient of input 0"], result.Comparisons.Select(c => c.Name));
        Assert.Equal(before, X.ToArray());
        Assert.False(X.RequiresGrad);
        Assert.Null(X.Grad);
    }

    [Fact]
    public void An_input_the_output_ignores_has_a_zero_gradient_on_both_sides()
    {
        using var scope = torch.NewDisposeScope();

        var result = Parity.Check(xs => xs[0].Exp(), xs => xs[0].exp(), X, X);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(0, result.Comparisons[2].MaxAbsoluteError);
    }

    [Fact]
    public void CheckModule_compares_the_input_gradient_and_every_parameter_gradient_by_name()
    {
        using var scope = torch.NewDisposeScope();
        var gen = new Data.NumPyRandomState(5);
        var model = new Sequential(new Linear(3, 4, generator: gen), new ReLU(), new Linear(4, 2, generator: gen));

        var result = Parity.CheckModule(model, X);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(
            ["output", "gradient of the input", "gradient of 0.weight", "gradient of 0.bias", "gradient of 2.weight", "gradient of 2.bias"],
            result.Comparisons.Select(c => c.Name));
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad)); // AutoNet's parameters are left alone
    }

    [Fact]
    public void CheckModule_catches_a_TorchSharp_module_with_other_weights()
    {
        using var scope = torch.NewDisposeScope();
        var gen = new Data.NumPyRandomState(5);
        var model = new Sequential(new Linear(3, 2, generator: gen), new Nn.Tanh());
        var other = new Sequential(new Linear(3, 2, generator: gen), new Nn.Tanh()).ToTorch();

        var result = Parity.CheckModule(model, other, X);

        Assert.False(result.Passed);
        Assert.Equal("output", result.FirstFailure!.Name);
    }
}
