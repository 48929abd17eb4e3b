using DocSamples.MoonsFourWays;
using DocSamples.TorchSharpWay;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.TorchParity.Tests.DocSamples;

/// <summary>docs/moons-four-ways.md, way 4: TorchSharp's epoch-0 gradients equal the seed notebook's and AutoNet's.</summary>
public class MoonsTorchSharpSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void TorchSharpGivesTheSeedGradients()
    {
        var torch = MoonsTorchSharp.EpochZeroGradients();

        double fromSeed = GradientTable.MaxDifference(torch);
        double fromAutoNet = 0;
        foreach (var ((name, ours), (_, theirs)) in Declarative.EpochZeroGradients().Named().Zip(torch.Named()))
            for (int i = 0; i < ours.Length; i++) fromAutoNet = Math.Max(fromAutoNet, Math.Abs(ours[i] - theirs[i]));
        output.WriteLine($"largest difference of TorchSharp's gradients from the seed's: {fromSeed:G3}, from AutoNet's Sequential: {fromAutoNet:G3}");

        // The gradients are about 1e-3; float64 rounding differences are about 1e-18.
        Assert.InRange(fromSeed, 0.0, 1e-16);
        Assert.InRange(fromAutoNet, 0.0, 1e-16);
    }
}
