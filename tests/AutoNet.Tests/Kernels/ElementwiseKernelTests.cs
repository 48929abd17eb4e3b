using AutoNet.Ops;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>
/// The broadcasting drivers' fast paths (one operand a block repeated along the other; sums of repeated blocks)
/// against element-by-element definitions, on short blocks (copied into a stack buffer), long ones, both operand
/// orders and both dtypes.
/// </summary>
public class ElementwiseKernelTests
{
    public static TheoryData<string, string, DType> RepeatedBlocks()
    {
        var data = new TheoryData<string, string, DType>();
        string[][] pairs = [["200x4", "4"], ["200x4", "1x4"], ["3x5x7", "5x7"], ["300x130", "130"], ["7x3", "3"], ["2x1000", "1x1000"]];
        foreach (var p in pairs)
            foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                data.Add(p[0], p[1], dtype);
        return data;
    }

    [Theory, MemberData(nameof(RepeatedBlocks))]
    public void SubtractingARepeatedBlock_MatchesTheDefinition_BothWays(string full, string block, DType dtype)
    {
        var a = Random(full, dtype, 1);
        var b = Random(block, dtype, 2);
        double[] av = a.ToArray(), bv = b.ToArray();
        double[] ab = (a - b).ToArray(), ba = (b - a).ToArray();
        for (int i = 0; i < av.Length; i++)
        {
            double expected = dtype == DType.Float32 ? (float)((float)av[i] - (float)bv[i % bv.Length]) : av[i] - bv[i % bv.Length];
            Assert.Equal(expected, ab[i]);
            Assert.Equal(-expected, ba[i]);
        }
    }

    [Theory, MemberData(nameof(RepeatedBlocks))]
    public void SumToARepeatedBlock_AddsTheCopiesInOrderWithinALeafAndPairwiseBeyond(string full, string block, DType dtype)
    {
        var x = Random(full, dtype, 3);
        var shape = TestShape(block);
        var sum = Elementwise.SumTo(x, shape).ToArray();
        double[] xv = x.ToArray();
        for (int j = 0; j < sum.Length; j++)
        {
            // Up to 256 copies: the same additions in the same order as adding them one after another; more: the
            // two halves summed so, recursively, then added (AutoNet.Kernels.Summation).
            var column = Enumerable.Range(0, xv.Length / sum.Length).Select(r => xv[r * sum.Length + j]).ToArray();
            double expected = dtype == DType.Float32 ? Pairwise32(column) : Pairwise64(column);
            Assert.Equal(expected, sum[j]);
        }
    }

    private static double Pairwise64(ReadOnlySpan<double> v)
    {
        if (v.Length > 256) return Pairwise64(v[..(v.Length / 2)]) + Pairwise64(v[(v.Length / 2)..]);
        double s = 0;
        foreach (double t in v) s += t;
        return s;
    }

    private static float Pairwise32(ReadOnlySpan<double> v)
    {
        if (v.Length > 256) return Pairwise32(v[..(v.Length / 2)]) + Pairwise32(v[(v.Length / 2)..]);
        float s = 0;
        foreach (double t in v) s += (float)t;
        return s;
    }

    [Theory, MemberData(nameof(RepeatedBlocks))]
    public void BroadcastToARepeatedBlock_CopiesTheBlock(string full, string block, DType dtype)
    {
        var b = Random(block, dtype, 4);
        var y = Elementwise.BroadcastTo(b, TestShape(full)).ToArray();
        double[] bv = b.ToArray();
        for (int i = 0; i < y.Length; i++) Assert.Equal(bv[i % bv.Length], y[i]);
    }

    private static int[] TestShape(string text) => text.Split('x').Select(int.Parse).ToArray();

    private static Tensor Random(string shape, DType dtype, int seed)
    {
        var dims = TestShape(shape);
        var rng = new Random(seed);
        var values = new double[dims.Aggregate(1, (p, d) => p * d)];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() * 2 - 1;
        var t = Tensor.From(values, dims);
        return dtype == DType.Float64 ? t : t.To(DType.Float32);
    }
}
