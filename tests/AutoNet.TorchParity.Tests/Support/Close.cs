using AutoNet.TorchSharp;
using TorchSharp;

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

    /// <summary>A message listing the failures (for Assert.True).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{caseName}: max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3} ({tolerance})\n") +
        string.Join("\n", _failures);
}
