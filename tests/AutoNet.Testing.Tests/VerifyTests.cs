using AutoNet.Nn;
using AutoNet.Testing.Tests.Support;
using Xunit;

namespace AutoNet.Testing.Tests;

/// <summary>Verify as snapshot-testing tools behave: create a missing golden and fail; leave a received file on failure; clean up on success.</summary>
public class VerifyTests : TempDirectory
{
    [Fact]
    public void A_missing_golden_is_written_and_the_result_does_not_pass()
    {
        var moons = new MoonsExample();
        string golden = PathOf(Path.Combine("Goldens", "moons.safetensors"));
        var result = GradientSnapshot.Verify(golden, moons.Model, moons.Loss, moons.Inputs);

        Assert.False(result.Passed);
        Assert.True(result.Created);
        Assert.True(File.Exists(golden));
        Assert.StartsWith($"GradientSnapshot.Verify '{golden}': CREATED (not passed)\n  No golden existed, so it was created from AutoNet's own gradients (5 gradients, loss 0.6931540314816064). " +
                          "Review it and commit it, or better replace it by one recorded with PyTorch (tools/record_torch_gradients.py); the next run compares against it.",
            result.ToString());
        var written = GradientSnapshot.Load(golden);
        Assert.Equal("AutoNet", written.Metadata["library"]);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "input.x"], written.Gradients.Keys);

        // The next run compares against it.
        var fresh = new MoonsExample();
        var again = GradientSnapshot.Verify(golden, fresh.Model, fresh.Loss, fresh.Inputs);
        Assert.False(again.Created);
        Assert.True(again.Passed, again.ToString());
    }

    [Fact]
    public void A_failing_golden_gets_a_received_file_beside_it_which_a_pass_removes()
    {
        var moons = new MoonsExample();
        string golden = PathOf("moons.safetensors");
        string received = PathOf("moons.received.safetensors");
        GradientSnapshot.Capture(moons.Model, moons.Loss).Save(golden);

        // A changed model: the hidden layer's bias moved.
        var changed = new MoonsExample();
        using (Autograd.NoGrad()) ((Linear)changed.Model[0]).Bias!.CopyFrom(Tensor.Full([4], 0.5));
        var failed = GradientSnapshot.Verify(golden, changed.Model, changed.Loss);
        Assert.False(failed.Passed);
        Assert.True(File.Exists(received));
        Assert.Contains($"\n  Wrote the actual gradients to '{received}' for diffing; if the change is intended, record the golden again (or replace it by that file) and commit it.", failed.ToString());
        var receivedSnapshot = GradientSnapshot.Load(received);
        Assert.True(GradientSnapshot.Compare(receivedSnapshot, GradientSnapshot.Capture(changed.Model, changed.Loss), 0, 0).Passed);

        // Back to the golden's model: passes, and the received file goes.
        var original = new MoonsExample();
        var fixedResult = GradientSnapshot.Verify(golden, original.Model, original.Loss);
        Assert.True(fixedResult.Passed, fixedResult.ToString());
        Assert.False(File.Exists(received));
        Assert.Contains($"\n  Removed '{received}' left by an earlier failure.", fixedResult.ToString());
        Assert.True(File.Exists(golden));
    }

    [Fact]
    public void A_passing_verify_writes_nothing()
    {
        var moons = new MoonsExample();
        string golden = PathOf("moons.safetensors");
        GradientSnapshot.Capture(moons.Model, moons.Loss).Save(golden);
        var result = GradientSnapshot.Verify(golden, moons.Model, moons.Loss);
        Assert.True(result.Passed, result.ToString());
        Assert.Null(result.Note);
        Assert.Equal(["moons.safetensors"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_corrupt_golden_is_an_error_not_an_overwrite()
    {
        var moons = new MoonsExample();
        string golden = PathOf("moons.safetensors");
        File.WriteAllBytes(golden, [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => GradientSnapshot.Verify(golden, moons.Model, moons.Loss));
        Assert.StartsWith("SafeTensors: the data is 3 bytes long", e.Message);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(golden));
    }
}
