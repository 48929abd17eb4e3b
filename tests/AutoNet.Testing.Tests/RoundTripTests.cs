using AutoNet.Nn;
using AutoNet.Testing.Tests.Support;
using Xunit;

namespace AutoNet.Testing.Tests;

public class RoundTripTests : TempDirectory
{
    [Fact]
    public void Capture_save_load_compare_passes_bit_for_bit()
    {
        var moons = new MoonsExample();
        var captured = GradientSnapshot.Capture(moons.Model, moons.Loss, moons.Inputs);
        string path = PathOf("moons.safetensors");
        captured.Save(path);
        var loaded = GradientSnapshot.Load(path);

        Assert.Equal(captured.Gradients.Keys, loaded.Gradients.Keys);
        foreach (var (name, gradient) in captured.Gradients) Bits.AssertSame(gradient, loaded.Gradients[name], name);
        Assert.Equal(BitConverter.DoubleToInt64Bits(captured.Loss), BitConverter.DoubleToInt64Bits(loaded.Loss));
        Assert.Equal(captured.Metadata, loaded.Metadata);

        // Compared with no tolerance at all, every element is equal.
        var result = GradientSnapshot.Compare(loaded, captured, rtol: 0, atol: 0);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(0, result.MaxAbsoluteError);
        Assert.StartsWith("GradientSnapshot.Compare (expected AutoNet ", result.ToString());
    }

    [Fact]
    public void A_float32_model_is_saved_in_float32_and_compared_at_float32_tolerances()
    {
        var model = new Sequential(new Linear(3, 2, dtype: DType.Float32), new Tanh());
        var x = Tensor.From(new float[] { 0.5f, -1f, 2f, 0.25f, 1f, -0.5f }, 2, 3);
        var captured = GradientSnapshot.Capture(model, () => model.Forward(x).Sum(), new Dictionary<string, Tensor> { ["x"] = x });
        string path = PathOf("f32.safetensors");
        captured.Save(path);
        var loaded = GradientSnapshot.Load(path);

        Assert.Equal(DType.Float32, loaded.DType);
        Assert.Equal("float32", loaded.Metadata["dtype"]);
        Assert.All(loaded.Gradients.Values, g => Assert.Equal(DType.Float32, g.DType));
        var result = GradientSnapshot.Compare(loaded, captured);
        Assert.True(result.Passed, result.ToString());
        Assert.All(result.Comparisons, c => Assert.Equal(SnapshotTolerance.Float32, c.Tolerance));
    }

    [Fact]
    public void The_file_says_what_produced_it_and_holds_the_loss_as_round_trip_text()
    {
        var moons = new MoonsExample();
        var captured = GradientSnapshot.Capture(moons.Model, moons.Loss);
        Assert.Equal("autonet-gradient-snapshot/1", captured.Metadata["format"]);
        Assert.Equal("AutoNet", captured.Metadata["library"]);
        Assert.False(string.IsNullOrEmpty(captured.Metadata["library_version"]));
        Assert.Equal("float64", captured.Metadata["dtype"]);
        Assert.Equal(captured.Loss, double.Parse(captured.Metadata["loss"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("AutoNet ", captured.Producer);
        // The torch key names of the state dict, then the inputs.
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], captured.Gradients.Keys);
    }
}
