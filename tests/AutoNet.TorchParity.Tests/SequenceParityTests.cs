using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The sequence factories against libtorch, value for value: Eye, Arange(start, end, step) (length rule and values)
/// and Linspace, in float64 and float32. AutoNet computes each value as PyTorch's scalar path does; libtorch's
/// vectorised path (8 values from one base) may round the last bit differently, so values are held to 1 ulp of the
/// largest magnitude (float32: 2 ulps) rather than to the bit.
/// </summary>
public class SequenceParityTests
{
    public static TheoryData<double, double, double> Ranges => new()
    {
        { 0, 1, 0.1 }, { 1, 2.5, 0.5 }, { 0, 10, 3 }, { 5, 5, 1 }, { 3, -1, -1.5 }, { -1.7, 3.3, 0.3 }, { 0, 100, 0.7 },
        { -5, 5, 0.01 }, { 1e6, 1e6 + 10, 0.1 },
    };

    [Theory, MemberData(nameof(Ranges))]
    public void Arange_matches_torch(double start, double end, double step)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (dtype, torchType) in new[] { (DType.Float64, torch.float64), (DType.Float32, torch.float32) })
            AssertClose(torch.arange(start, end, step, torchType), Tensor.Arange(start, end, step, dtype), $"arange({start}, {end}, {step}) {dtype}");
    }

    public static TheoryData<double, double, int> Spaces => new()
    {
        { 0, 1, 5 }, { -1.7, 3.3, 11 }, { 3, 7, 1 }, { 0, 1, 0 }, { 2, 1, 3 }, { -10, 10, 101 }, { 0.1, 0.2, 37 }, { 1e-3, 1e3, 1000 },
    };

    [Theory, MemberData(nameof(Spaces))]
    public void Linspace_matches_torch(double start, double end, int steps)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (dtype, torchType) in new[] { (DType.Float64, torch.float64), (DType.Float32, torch.float32) })
            AssertClose(torch.linspace(start, end, steps, torchType), Tensor.Linspace(start, end, steps, dtype), $"linspace({start}, {end}, {steps}) {dtype}");
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    [InlineData(5, 2)]
    [InlineData(0, 4)]
    public void Eye_matches_torch(int n, int m)
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(torch.eye(n, m, torch.float64).ToAutoNet().ToArray(), Tensor.Eye(n, m).ToArray());
        if (n == m) Assert.Equal(torch.eye(n, n, torch.float32).ToAutoNet().ToArray(), Tensor.Eye(n, DType.Float32).ToArray());
    }

    private static void AssertClose(torch.Tensor expected, Tensor actual, string what)
    {
        var e = expected.ToAutoNet();
        Assert.True(e.Shape.SequenceEqual(actual.Shape), $"{what}: shape [{string.Join(", ", actual.Shape)}], torch [{string.Join(", ", e.Shape)}]");
        Assert.Equal(e.DType, actual.DType);
        var ev = e.ToArray();
        var av = actual.ToArray();
        double scale = ev.Select(Math.Abs).DefaultIfEmpty(0).Max();
        double tol = actual.DType == DType.Float32 ? 2 * MathF.BitIncrement((float)scale) - 2 * (float)scale : Math.BitIncrement(scale) - scale;
        for (int i = 0; i < ev.Length; i++)
            Assert.True(Math.Abs(ev[i] - av[i]) <= tol, $"{what}: element {i} is {av[i]:R}, torch's {ev[i]:R} (tolerance {tol:G3})");
    }
}
