using AutoNet.Nn;
using AutoNet.Testing.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Testing.Tests;

/// <summary>
/// The worked examples of docs/testing-gradients.md: weights and batch exported from AutoNet, gradients recorded
/// from them once with PyTorch 1.13 by tools/record_torch_gradients.py (commands in Goldens/README.md), committed,
/// and checked here with nothing but .NET: the moons network, every layer with a TorchSharp converter, and the Digits
/// example's CNN.
/// </summary>
public class PyTorchGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Moons_gradients_match_PyTorchs_recorded_golden()
    {
        var moons = new MoonsExample(); // examples/Moons: the model with the notebook's weights, and make_moons(200)
        var (model, x, y) = (moons.Model, moons.X, moons.Y);

        var result = GradientSnapshot.Verify(Goldens.Path("moons", "pytorch.safetensors"), model,
            () => new BCELoss().Forward(model.Forward(x), y),
            new Dictionary<string, Tensor> { ["x"] = x });

        Assert.True(result.Passed, result.ToString());
        output.WriteLine(result.ToString());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "input.x"], result.Comparisons.Where(c => c.Kind == GradientComparisonKind.Gradient).Select(c => c.Name));
    }

    [Fact]
    public void Every_layer_with_a_TorchSharp_converter_matches_PyTorchs_recorded_golden()
    {
        var example = new AllLayersExample();
        var result = GradientSnapshot.Verify(Goldens.Path("all-layers", "pytorch.safetensors"), example.Model, example.Loss, example.Inputs);
        Assert.True(result.Passed, result.ToString());
        output.WriteLine(result.ToString());
        // Every parameter of the model, and the input, was compared.
        Assert.Equal(example.Model.NamedParameters().Select(p => p.Name).Append("input.x"),
            result.Comparisons.Where(c => c.Kind == GradientComparisonKind.Gradient).Select(c => c.Name));
    }

    [Fact]
    public void The_Digits_CNN_matches_PyTorchs_recorded_golden()
    {
        var example = new DigitsExample();
        var result = GradientSnapshot.Verify(Goldens.Path("digits", "pytorch.safetensors"), example.Model, example.Loss, example.Inputs);
        Assert.True(result.Passed, result.ToString());
        output.WriteLine(result.ToString());
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "input.x"],
            result.Comparisons.Where(c => c.Kind == GradientComparisonKind.Gradient).Select(c => c.Name));
    }

    [Theory]
    [InlineData("moons")]
    [InlineData("all-layers")]
    [InlineData("digits")]
    public void The_goldens_were_recorded_by_PyTorch_with_the_script(string example)
    {
        var golden = GradientSnapshot.Load(Goldens.Path(example, "pytorch.safetensors"));
        Assert.Equal("PyTorch", golden.Metadata["library"]);
        Assert.StartsWith("1.13", golden.Metadata["library_version"]);
        Assert.Equal("tools/record_torch_gradients.py", golden.Metadata["recorded_with"]);
        Assert.Equal(example, golden.Metadata["model"]);
        Assert.Equal(DType.Float64, golden.DType);
    }

    [Fact]
    public void The_committed_moons_weights_and_batch_are_what_AutoNet_exports()
    {
        var moons = new MoonsExample();
        Assert.Null(Goldens.CheckExported(Goldens.Path("moons", "weights.safetensors"), moons.Model.StateDict()));
        Assert.Null(Goldens.CheckExported(Goldens.Path("moons", "batch.safetensors"), moons.Batch));
    }

    [Fact]
    public void The_committed_all_layers_weights_and_batch_are_what_AutoNet_exports()
    {
        var example = new AllLayersExample();
        Assert.Null(Goldens.CheckExported(Goldens.Path("all-layers", "weights.safetensors"), example.Model.StateDict()));
        Assert.Null(Goldens.CheckExported(Goldens.Path("all-layers", "batch.safetensors"), example.Batch));
    }

    [Fact]
    public void The_committed_digits_weights_and_batch_are_what_AutoNet_exports()
    {
        var example = new DigitsExample();
        Assert.Null(Goldens.CheckExported(Goldens.Path("digits", "weights.safetensors"), example.Model.StateDict()));
        Assert.Null(Goldens.CheckExported(Goldens.Path("digits", "batch.safetensors"), example.Batch));
    }
}
