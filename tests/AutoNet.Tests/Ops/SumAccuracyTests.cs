using AutoNet.Data;
using Xunit;

namespace AutoNet.Tests.Ops;

/// <summary>
/// Sums as accurate as PyTorch's (cascade summation) and NumPy's (pairwise), in every reduction: Sum, Mean, the
/// gradient of broadcasting, softmax and log-softmax. Each float32 result is compared with the float64 sum of the
/// same float32 values.
/// </summary>
public class SumAccuracyTests
{
    [Fact]
    public void Sum_OfTenMillionFloat32Tenths_IsAsAccurateAsPyTorch()
    {
        // torch.full([10_000_000], 0.1).sum() = 999999.4375 (relative error 6e-7); a running sum gave 1005958.56 (6e-3).
        double exact = 10_000_000 * (double)0.1f;
        var x = Tensor.Full([10_000_000], 0.1, DType.Float32);

        double sum = x.Sum().Item(), mean = x.Mean().Item();

        Assert.True(Math.Abs(sum - exact) / exact < 1e-6, $"sum {sum:R}, exact {exact:R}");
        Assert.True(Math.Abs(mean - 0.1f) / 0.1f < 1e-6, $"mean {mean:R}, exact {(double)0.1f:R}");
    }

    private static (Tensor X, double[] Exact) Rows(int rows, int width)
    {
        var x = new NumPyRandomState(11).Rand(rows, width).To(DType.Float32);
        var v = x.ToArray();
        var exact = new double[width];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++) exact[j] += v[r * width + j];   // float64: ~1e-16 · 1e6 relative, far below float32's
        return (x, exact);
    }

    private static void AssertRelative(double[] exact, double[] actual, double tolerance, string what)
    {
        for (int j = 0; j < exact.Length; j++)
            Assert.True(Math.Abs(actual[j] - exact[j]) / Math.Abs(exact[j]) < tolerance,
                $"{what} [{j}]: {actual[j]:R}, exact {exact[j]:R} (relative error {Math.Abs(actual[j] - exact[j]) / Math.Abs(exact[j]):E2})");
    }

    [Fact]
    public void ColumnSums_OfAMillionFloat32Rows_AreAsAccurateAsPyTorch()
    {
        // Before: rows added one after another, relative error 4e-5; torch's cascade sum: 1e-7.
        var (x, exact) = Rows(1_000_000, 4);
        AssertRelative(exact, x.Sum(0).ToArray(), 1e-6, "Sum(0)");
        AssertRelative([.. exact.Select(e => e / 1_000_000)], x.Mean(0).ToArray(), 1e-6, "Mean(0)");
    }

    [Fact]
    public void GradientOfABroadcastBias_OverAMillionFloat32Rows_IsAsAccurateAsPyTorch()
    {
        // The bias's gradient sums the upstream gradient over the rows (SumTo, the reverse of broadcasting).
        var (x, exact) = Rows(1_000_000, 4);
        var b = Tensor.Zeros([4], DType.Float32);
        b.RequiresGrad = true;
        ((x * 0 + b) * x.Detach()).Sum().Backward();   // ∂/∂b_j = Σ_r x[r, j]
        AssertRelative(exact, b.Grad!.ToArray(), 1e-6, "b.Grad");
    }

    [Fact]
    public void SoftmaxAndLogSoftmax_OverAMillionFloat32Logits_AreAsAccurateAsPyTorch()
    {
        var x = new NumPyRandomState(12).Rand(1, 1_000_000).To(DType.Float32);
        var v = x.ToArray();
        double max = v.Max(), sumExp = v.Sum(t => Math.Exp(t - max));   // float64 reference
        var soft = x.Softmax(1).ToArray();
        var logSoft = x.LogSoftmax(1).ToArray();
        double worstSoft = 0, worstLog = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double p = Math.Exp(v[i] - max) / sumExp, logP = v[i] - max - Math.Log(sumExp);
            worstSoft = Math.Max(worstSoft, Math.Abs(soft[i] - p) / p);
            worstLog = Math.Max(worstLog, Math.Abs(logSoft[i] - logP));
        }
        // float32 rounds the outputs themselves by up to 6e-8 relative (softmax) and 9.5e-7 absolute (log-softmax near -14).
        Assert.True(worstSoft < 1e-6, $"softmax: worst relative error {worstSoft:E2}");
        Assert.True(worstLog < 2e-6, $"log-softmax: worst absolute error {worstLog:E2}");
    }
}
