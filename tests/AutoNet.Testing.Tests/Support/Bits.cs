using Xunit;

namespace AutoNet.Testing.Tests.Support;

internal static class Bits
{
    public static void AssertSame(Tensor expected, Tensor actual, string name)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]), $"{name}[{i}]: {e[i]:R} != {a[i]:R}");
    }
}
