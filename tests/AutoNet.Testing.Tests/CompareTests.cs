using AutoNet.Nn;
using AutoNet.Testing.Tests.Support;
using Xunit;

namespace AutoNet.Testing.Tests;

/// <summary>Failures against the committed PyTorch golden of the moons model, and how the report names them.</summary>
public class CompareTests
{
    private static GradientSnapshot PyTorchMoons => GradientSnapshot.Load(Goldens.Path("moons", "pytorch.safetensors"));

    /// <summary>ReLU written by a user as an Autograd.Function, with the classic slip in its backward: the
    /// gradient passes everywhere (d/dx relu(x) taken as 1), as if it were the identity.</summary>
    private sealed class LeakyBackwardRelu : Autograd.Function
    {
        protected override Tensor Forward(Tensor[] inputs) => inputs[0].Relu();
        protected override Tensor?[] Backward(Tensor grad) => [grad]; // wrong: should be grad * (x > 0)
    }

    private sealed class ReluWithWrongBackward : Module
    {
        public override Tensor Forward(Tensor input) => new LeakyBackwardRelu().Apply(input);
    }

    [Fact]
    public void A_wrong_backward_fails_against_PyTorch_naming_the_parameters_before_it()
    {
        var moons = new MoonsExample();
        var model = new Sequential(moons.Model[0], new ReluWithWrongBackward(), moons.Model[2], moons.Model[3]);
        var actual = GradientSnapshot.Capture(model, () => new BCELoss().Forward(model.Forward(moons.X), moons.Y), moons.Inputs);

        var result = GradientSnapshot.Compare(PyTorchMoons, actual);
        string report = result.ToString();
        Assert.False(result.Passed, report);
        // The forward is right, so the loss and the layer after the ReLU agree; everything before it does not.
        Assert.Equal(["0.weight", "0.bias", "input.x"], result.Failures.Select(c => c.Name));
        Assert.Contains("\n  FAIL 0.weight [4, 2] float64: max abs error ", report);
        Assert.Contains("\n  ok   2.weight [1, 4] float64: ", report);
        Assert.Contains("\n  ok   loss float64: expected 0.6931540314816064, actual 0.6931540314816064", report);
        var worst = result.Failures.First().Worst!;
        Assert.Matches(@"elements differ, worst at \[\d, \d\]: expected -?[0-9.E-]+, actual -?[0-9.E-]+ \(abs error [0-9.E-]+, rel error [0-9.E-]+\)", report);
        Assert.NotEqual(worst.Expected, worst.Actual);
        Goldens.AssertTheDocsShow(report); // the example of "Reading a failure"
    }

    private sealed class RenamedMoons : Module
    {
        public Linear Hidden { get; } = new(2, 4);
        public Linear Output { get; } = new(4, 1);
        public override Tensor Forward(Tensor input) => Output.Forward(Hidden.Forward(input).Relu()).Sigmoid();
    }

    [Fact]
    public void A_renamed_parameter_shows_as_one_missing_and_one_extra_with_a_hint()
    {
        var moons = new MoonsExample();
        var model = new RenamedMoons();
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["hidden.weight"] = moons.Model.StateDict()["0.weight"], ["hidden.bias"] = moons.Model.StateDict()["0.bias"],
            ["output.weight"] = moons.Model.StateDict()["2.weight"], ["output.bias"] = moons.Model.StateDict()["2.bias"],
        });
        var actual = GradientSnapshot.Capture(model, () => new BCELoss().Forward(model.Forward(moons.X), moons.Y), moons.Inputs);

        var result = GradientSnapshot.Compare(PyTorchMoons, actual);
        Assert.False(result.Passed);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], result.MissingNames);
        Assert.Equal(["hidden.weight", "hidden.bias", "output.weight", "output.bias"], result.ExtraNames);
        string report = result.ToString();
        Assert.Contains("\n  FAIL missing 0.weight [4, 2] float64: in the expected snapshot but not in the actual one (a parameter or input removed or renamed); " +
                        "renamed to 'hidden.weight'? (same shape, dtype and values)", report);
        Assert.Contains("\n  FAIL extra hidden.weight [4, 2] float64: in the actual snapshot but not in the expected one (a parameter or input added or renamed; " +
                        "record the golden again if intended); renamed from '0.weight'? (same shape, dtype and values)", report);
        Assert.Contains("\n  ok   input.x [200, 2] float64", report);
    }

    [Fact]
    public void A_resized_layer_is_reported_with_both_shapes()
    {
        var moons = new MoonsExample();
        var model = new Sequential(new Linear(2, 5), new ReLU(), new Linear(5, 1), new Sigmoid());
        var actual = GradientSnapshot.Capture(model, () => new BCELoss().Forward(model.Forward(moons.X), moons.Y));

        var result = GradientSnapshot.Compare(PyTorchMoons, actual);
        Assert.Contains("\n  FAIL 0.weight [5, 2] float64: shapes differ: expected [4, 2], actual [5, 2] (8 elements expected, 10 actual: the layer's size changed?)", result.ToString());
        Assert.Contains("\n  FAIL 2.weight [1, 5] float64: shapes differ: expected [1, 4], actual [1, 5]", result.ToString());
    }

    /// <summary>The hidden layer as a NumPy port would store it: W as [in, out], computing x @ W.</summary>
    private sealed class InOutLinear : Module
    {
        public Parameter Weight { get; } = new(Tensor.Zeros(2, 4));
        public Parameter Bias { get; } = new(Tensor.Zeros(4));
        public override Tensor Forward(Tensor input) => input.MatMul(Weight) + Bias;
    }

    [Fact]
    public void A_transposed_parameter_is_reported_with_both_shapes_and_the_same_element_count()
    {
        var moons = new MoonsExample();
        var hidden = new InOutLinear();
        using (Autograd.NoGrad()) hidden.Weight.CopyFrom(moons.Model.StateDict()["0.weight"].T);
        var model = new Sequential(hidden, new ReLU(), moons.Model[2], new Sigmoid());
        var actual = GradientSnapshot.Capture(model, () => new BCELoss().Forward(model.Forward(moons.X), moons.Y));

        var result = GradientSnapshot.Compare(PyTorchMoons, actual);
        Assert.Equal("FAIL 0.weight [2, 4] float64: shapes differ: expected [4, 2], actual [2, 4] (the same 8 elements in another shape: transposed or reshaped?)",
            result.Comparisons.Single(c => c.Name == "0.weight").ToString());
        Assert.True(result.Comparisons.Single(c => c.Name == "0.bias").Passed); // the same model otherwise
        Assert.Contains("missing input.x", result.ToString());
    }

    [Fact]
    public void A_float32_capture_against_a_float64_golden_reports_both_dtypes()
    {
        var moons = new MoonsExample();
        var model = new Sequential(new Linear(2, 4, dtype: DType.Float32), new ReLU(), new Linear(4, 1, dtype: DType.Float32), new Sigmoid());
        model.LoadStateDict(moons.Model.StateDict());
        var x = moons.X.To(DType.Float32);
        var y = moons.Y.To(DType.Float32);
        var actual = GradientSnapshot.Capture(model, () => new BCELoss().Forward(model.Forward(x), y));

        var result = GradientSnapshot.Compare(PyTorchMoons, actual);
        Assert.Contains("\n  FAIL 0.weight [4, 2] float32: dtypes differ: expected float64, actual float32 (capture in the dtype the golden was recorded in)", result.ToString());
    }

    [Fact]
    public void Explicit_tolerances_replace_the_dtypes_defaults()
    {
        var moons = new MoonsExample();
        var actual = GradientSnapshot.Capture(moons.Model, moons.Loss, moons.Inputs);

        // PyTorch and AutoNet differ in the last bits of 2.bias's gradient (8.67E-18, measured by the worked example).
        Assert.False(GradientSnapshot.Compare(PyTorchMoons, actual, rtol: 0, atol: 0).Passed);
        var loose = GradientSnapshot.Compare(PyTorchMoons, actual, rtol: 1e-9, atol: 0);
        Assert.True(loose.Passed, loose.ToString());
        Assert.All(loose.Comparisons, c => Assert.Equal(new SnapshotTolerance(1e-9, 0), c.Tolerance));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientSnapshot.Compare(PyTorchMoons, actual, rtol: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientSnapshot.Compare(PyTorchMoons, actual, atol: double.NaN));
    }

    [Fact]
    public void A_different_loss_fails_on_the_loss_line()
    {
        var moons = new MoonsExample();
        var actual = GradientSnapshot.Capture(moons.Model, () => moons.Loss() + 1e-6, moons.Inputs); // same gradients

        var result = GradientSnapshot.Compare(PyTorchMoons, actual);
        Assert.Equal(["loss"], result.Failures.Select(c => c.Name));
        Assert.Contains("\n  FAIL loss float64: expected 0.6931540314816064, actual 0.69315503148160", result.ToString());
    }
}
