using System.Buffers.Binary;
using System.Text;
using AutoNet.Serialization;
using AutoNet.Testing.Tests.Support;
using Xunit;

namespace AutoNet.Testing.Tests;

/// <summary>Truncated, corrupted or hostile snapshot files: the safetensors loader's clear errors, never a crash.</summary>
public class LoadTests : TempDirectory
{
    private byte[] ValidSnapshot()
    {
        var moons = new MoonsExample();
        string path = PathOf("valid.safetensors");
        GradientSnapshot.Capture(moons.Model, moons.Loss, moons.Inputs).Save(path);
        return File.ReadAllBytes(path);
    }

    private string Fails(byte[] bytes)
    {
        string path = PathOf("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        return Assert.Throws<InvalidDataException>(() => GradientSnapshot.Load(path)).Message;
    }

    [Fact]
    public void A_truncated_snapshot_gets_the_loaders_error()
    {
        var bytes = ValidSnapshot();
        string message = Fails(bytes[..^8]);
        Assert.StartsWith("SafeTensors: tensor 'input.x' has data_offsets [", message);
        Assert.Contains("past the end of the", message);
        Assert.EndsWith($"(file '{PathOf("bad.safetensors")}')", message);
    }

    [Fact]
    public void A_snapshot_cut_inside_its_header_gets_the_loaders_error()
    {
        var bytes = ValidSnapshot();
        Assert.StartsWith("SafeTensors: the header length ", Fails(bytes[..40]));
        Assert.Equal($"SafeTensors: the data is 5 bytes long, but a safetensors file starts with an 8-byte header length. (file '{PathOf("bad.safetensors")}')", Fails(bytes[..5]));
        Assert.StartsWith("SafeTensors: the data is 0 bytes long", Fails([]));
    }

    [Fact]
    public void A_hostile_header_length_is_refused_before_anything_is_allocated()
    {
        var bytes = ValidSnapshot();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.StartsWith($"SafeTensors: the header length {ulong.MaxValue} runs past the end of the data", Fails(bytes));
    }

    [Fact]
    public void A_corrupted_header_is_refused_with_the_loaders_error()
    {
        var bytes = ValidSnapshot();
        int at = Encoding.UTF8.GetString(bytes).IndexOf("\"shape\":[4,2]", StringComparison.Ordinal);
        Encoding.UTF8.GetBytes("\"shape\":[9,2]").CopyTo(bytes, at);
        Assert.StartsWith("SafeTensors: tensor '0.weight' has shape [9, 2] of F64, which needs 144 bytes, but its data_offsets", Fails(bytes));
    }

    [Fact]
    public void A_safetensors_file_that_is_not_a_snapshot_is_refused_naming_what_it_lacks()
    {
        string path = PathOf("weights.safetensors");
        new MoonsExample().Model.Save(path); // a state dict: valid safetensors, no snapshot metadata
        var e = Assert.Throws<InvalidDataException>(() => GradientSnapshot.Load(path));
        Assert.Equal($"GradientSnapshot.Load: '{path}' is a safetensors file but not a gradient snapshot: its metadata has no 'format' " +
                     "(expected 'autonet-gradient-snapshot/1'). Snapshots are written by GradientSnapshot.Save and tools/record_torch_gradients.py.", e.Message);
    }

    [Theory]
    [InlineData("loss", "abc", "its metadata gives loss 'abc', which is not a number")]
    [InlineData("dtype", "float16", "its metadata gives dtype 'float16'; expected float64 or float32")]
    [InlineData("format", "autonet-gradient-snapshot/2", "its metadata says format 'autonet-gradient-snapshot/2'; expected 'autonet-gradient-snapshot/1'")]
    public void Bad_snapshot_metadata_is_refused_naming_the_key(string key, string value, string problem)
    {
        var moons = new MoonsExample();
        var snapshot = GradientSnapshot.Capture(moons.Model, moons.Loss);
        var metadata = snapshot.Metadata.ToDictionary();
        metadata[key] = value;
        string path = PathOf("meta.safetensors");
        SafeTensors.Save(path, snapshot.Gradients, metadata);
        var e = Assert.Throws<InvalidDataException>(() => GradientSnapshot.Load(path));
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("0.1")]
    [InlineData("1e-05")]
    public void The_loss_reads_back_as_Pythons_float_reads_it(string text)
    {
        var moons = new MoonsExample();
        var snapshot = GradientSnapshot.Capture(moons.Model, moons.Loss);
        var metadata = snapshot.Metadata.ToDictionary();
        metadata["loss"] = text;
        string path = PathOf("loss.safetensors");
        SafeTensors.Save(path, snapshot.Gradients, metadata);
        double expected = text switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(expected, GradientSnapshot.Load(path).Loss);
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => GradientSnapshot.Load(PathOf("nothing.safetensors")));
    }
}
