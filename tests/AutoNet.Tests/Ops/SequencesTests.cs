using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>Eye, Arange(start, end, step) and Linspace (checked value for value against TorchSharp in the parity
/// tests; here their rules).</summary>
public class SequencesTests
{
    [Fact]
    public void Eye_IsTheIdentity_AndRectangularWithTwoSizes()
    {
        Assert.Equal([1.0, 0, 0, 1], Tensor.Eye(2).ToArray());
        Assert.Equal([2, 3], Tensor.Eye(2, 3).Shape);
        Assert.Equal([1.0, 0, 0, 0, 1, 0], Tensor.Eye(2, 3).ToArray());
        Assert.Equal([1.0, 0, 0, 1, 0, 0], Tensor.Eye(3, 2, DType.Float32).ToArray());
        Assert.Equal(DType.Float32, Tensor.Eye(3, DType.Float32).DType);
        Assert.Equal([0, 0], Tensor.Eye(0).Shape);
        Assert.Contains("Tensor.Eye: m must be >= 0, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Eye(2, -1)).Message);
    }

    /// <summary>PyTorch's length rule: ⌈(end - start) / step⌉ values, end excluded.</summary>
    [Theory]
    [InlineData(0, 1, 0.1, 10)]
    [InlineData(1, 2.5, 0.5, 3)]
    [InlineData(0, 10, 3, 4)]
    [InlineData(5, 5, 1, 0)]
    [InlineData(3, -1, -1.5, 3)]
    [InlineData(-1.7, 3.3, 0.3, 17)]
    public void Arange_HasPyTorchsLength_AndValues(double start, double end, double step, int length)
    {
        var t = Tensor.Arange(start, end, step);
        Assert.Equal([length], t.Shape);
        var v = t.ToArray();
        for (int i = 0; i < length; i++) Assert.Equal(start + step * i, v[i]);
        Assert.Equal(DType.Float32, Tensor.Arange(start, end, step, DType.Float32).DType);
    }

    [Fact]
    public void Arange_RefusesAZeroStep_AStepPointingAway_AndInfiniteBounds()
    {
        Assert.Contains("step must be finite and nonzero, got 0", Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 1, 0)).Message);
        Assert.Contains("points away from end", Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 1, -1)).Message);
        Assert.Contains("must be finite", Assert.Throws<ArgumentException>(() => Tensor.Arange(0, double.PositiveInfinity)).Message);
        Assert.Contains("more than a tensor holds", Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 1e12, 1)).Message);
        Assert.Equal([0.0, 1.0, 2.0], Tensor.Arange(3).ToArray()); // the int overload stays
    }

    [Fact]
    public void Linspace_IncludesBothEnds_Exactly()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], Tensor.Linspace(0, 1, 5).ToArray());
        var t = Tensor.Linspace(-1.7, 3.3, 11).ToArray();
        Assert.Equal(-1.7, t[0]);
        Assert.Equal(3.3, t[^1]);
        Assert.Equal([3.0], Tensor.Linspace(3, 7, 1).ToArray());
        Assert.Empty(Tensor.Linspace(0, 1, 0).ToArray());
        Assert.Equal([2.0, 1.5, 1.0], Tensor.Linspace(2, 1, 3, DType.Float32).ToArray());
        Assert.Contains("steps must be >= 0", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Linspace(0, 1, -1)).Message);
    }
}
