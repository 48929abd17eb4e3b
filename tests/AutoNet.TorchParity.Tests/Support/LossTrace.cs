using System.Globalization;
using Xunit;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// The losses of one training run in AutoNet and in TorchSharp, step by step: keeps the largest absolute and
/// relative difference and the step where it occurred, and the first and last loss (to check the run trained).
/// </summary>
public sealed class LossTrace(string caseName)
{
    /// <summary>The name of the run, e.g. <c>circles, 500 epochs, float64</c>.</summary>
    public string CaseName => caseName;

    /// <summary>Steps recorded.</summary>
    public int Steps { get; private set; }

    /// <summary>The largest |AutoNet - PyTorch| loss difference.</summary>
    public double MaxAbsoluteDifference { get; private set; }

    /// <summary>The largest |AutoNet - PyTorch| / |PyTorch| loss difference.</summary>
    public double MaxRelativeDifference { get; private set; }

    /// <summary>The step of <see cref="MaxRelativeDifference"/>.</summary>
    public int WorstStep { get; private set; }

    /// <summary>The first AutoNet loss.</summary>
    public double FirstLoss { get; private set; }

    /// <summary>The last AutoNet loss.</summary>
    public double LastLoss { get; private set; }

    /// <summary>Records one step's two losses.</summary>
    public void Add(double autoNetLoss, double torchLoss)
    {
        double absolute = Math.Abs(autoNetLoss - torchLoss);
        double relative = absolute == 0 ? 0 : absolute / Math.Abs(torchLoss);
        MaxAbsoluteDifference = Math.Max(MaxAbsoluteDifference, absolute);
        if (relative > MaxRelativeDifference || double.IsNaN(relative))
        {
            MaxRelativeDifference = relative;
            WorstStep = Steps;
        }
        if (Steps == 0) FirstLoss = autoNetLoss;
        LastLoss = autoNetLoss;
        Steps++;
    }

    /// <summary>Logs the trace (<see cref="ParityLog"/>) and asserts that every step's losses agreed within
    /// <paramref name="maxRelativeDifference"/> and that the loss fell to below <paramref name="trainedFraction"/> of
    /// the first one (so the comparison is not of two idle runs).</summary>
    public void AssertAgreed(double maxRelativeDifference, double trainedFraction, DType dtype = DType.Float64)
    {
        ParityLog.Record(caseName, "loss per step", dtype, MaxAbsoluteDifference, MaxRelativeDifference);
        Assert.True(Steps > 0, $"{caseName}: no steps were recorded");
        Assert.True(MaxRelativeDifference <= maxRelativeDifference, string.Create(CultureInfo.InvariantCulture,
            $"{caseName}: the loss differs by a relative {MaxRelativeDifference:G3} at step {WorstStep} (allowed {maxRelativeDifference:G3})"));
        Assert.True(LastLoss < trainedFraction * FirstLoss, string.Create(CultureInfo.InvariantCulture,
            $"{caseName}: the model did not train (loss {FirstLoss:G6} -> {LastLoss:G6})"));
    }

    /// <summary>One line for the test output.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{caseName}, {Steps} steps: loss {FirstLoss:F6} -> {LastLoss:F6}; max |AutoNet - PyTorch| loss difference {MaxAbsoluteDifference:G3}, relative {MaxRelativeDifference:G3} (step {WorstStep})");
}
