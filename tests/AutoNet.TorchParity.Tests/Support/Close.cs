using AutoNet.Nn;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// Element-by-element comparison of an AutoNet tensor with a TorchSharp one, for tests that compare state (weights
/// after optimiser steps, losses per epoch) rather than one function: collects the worst errors and the failures.
/// </summary>
public sealed class Close(ParityTolerance tolerance, string caseName)
{
    private readonly List<string> _failures = [];

    /// <summary>The largest |AutoNet - PyTorch| seen.</summary>
    public double MaxAbsoluteError { get; private set; }

    /// <summary>The largest relative error seen over elements where the relative tolerance governs.</summary>
    public double MaxRelativeError { get; private set; }

    /// <summary>Failures, at most 20, each naming the tensor, element and both values.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Compares <paramref name="actual"/> with <paramref name="expected"/>; shapes must be equal.</summary>
    public void Check(string what, Tensor actual, torch.Tensor expected) => Check(what, actual, expected.ToAutoNet());

    /// <summary>Compares <paramref name="actual"/> with <paramref name="expected"/>; shapes must be equal.</summary>
    public void Check(string what, Tensor actual, Tensor expected)
    {
        if (!actual.Shape.SequenceEqual(expected.Shape))
        {
            _failures.Add($"{what}: shapes differ, AutoNet [{string.Join(", ", actual.Shape)}], PyTorch [{string.Join(", ", expected.Shape)}]");
            return;
        }
        double[] a = actual.ToArray(), e = expected.ToArray();
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double abs = Math.Abs(a[i] - e[i]);
            maxAbs = Math.Max(maxAbs, abs);
            if (tolerance.RelativeGoverns(e[i])) maxRel = Math.Max(maxRel, abs / Math.Abs(e[i]));
            if (!tolerance.Accepts(a[i], e[i]) && _failures.Count < 20)
                _failures.Add(FormattableString.Invariant($"{what}[{i}]: AutoNet {a[i]:R}, PyTorch {e[i]:R} (abs error {abs:G3})"));
        }
        MaxAbsoluteError = Math.Max(MaxAbsoluteError, maxAbs);
        MaxRelativeError = Math.Max(MaxRelativeError, maxRel);
        ParityLog.Record(caseName, what, actual.DType, maxAbs, maxRel);
    }

    /// <summary>Compares every parameter of <paramref name="model"/> with the TorchSharp model's of the same name;
    /// asserts that both list the same names in the same order.</summary>
    public void CheckParameters(Module model, torch.nn.Module torchModel)
    {
        var ours = model.NamedParameters().ToList();
        var theirs = torchModel.named_parameters().ToList();
        Assert.Equal(ours.Select(p => p.Item1), theirs.Select(p => p.Item1));
        foreach (var ((name, p), (_, tp)) in ours.Zip(theirs))
            Check(name, p, tp);
    }

    /// <summary>One line for the test output: "  <paramref name="what"/>: max abs difference …, max rel difference …".</summary>
    public string Summary(string what) =>
        FormattableString.Invariant($"  {what}: max abs difference {MaxAbsoluteError:G3}, max rel difference {MaxRelativeError:G3}");

    /// <summary>A message listing the failures (for Assert.True).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{caseName}: max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3} ({tolerance})\n") +
        string.Join("\n", _failures);
}
