using System.Numerics;
using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Optim;

/// <summary>
/// OptimMath.AdamStep runs a vector at a time without amsgrad; every element must still be PyTorch's sequence of
/// in-place ops, rounded as the scalar loop rounds it (fused multiply-adds where PyTorch's kernels fuse). The
/// reference below is that sequence, one element at a time; TorchTrajectoryTests checks the same loop against
/// PyTorch itself on small parameters.
/// </summary>
public class AdamVectorTests
{
    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.05)]   // Adam's L2 decay: grad = grad.add(param, alpha=weight_decay)
    [InlineData(true, 0.05)]    // AdamW's decoupled decay: param.mul_(1 - lr * weight_decay)
    public void Each_element_of_a_vector_step_is_the_scalar_sequence(bool decoupled, double weightDecay)
    {
        Check<float>(decoupled, weightDecay);
        Check<double>(decoupled, weightDecay);
    }

    private static void Check<T>(bool decoupled, double weightDecay) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(23);
        const int n = 37;                                        // vectors and a tail, for 4, 8 or 16 lanes
        T[] Draw(double scale) => Enumerable.Range(0, n).Select(_ => T.CreateTruncating((rng.NextDouble() * 2 - 1) * scale)).ToArray();
        T[] p = Draw(1), g = Draw(0.5), m = Draw(0.1), v = Draw(0.01).Select(T.Abs).ToArray();
        T[] p2 = (T[])p.Clone(), m2 = (T[])m.Clone(), v2 = (T[])v.Clone();
        var h = new AdamHyper(0.003, 0.9, 0.999, 1e-8, weightDecay);
        const double step = 7;
        OptimMath.AdamStep<T>(p, g, m, v, default, h, step, decoupled);

        T S(double x) => T.CreateTruncating(x);
        double bc1 = 1 - Math.Pow(h.Beta1, step), bc2Sqrt = Math.Sqrt(1 - Math.Pow(h.Beta2, step));
        for (int i = 0; i < n; i++)
        {
            T gi = g[i];
            if (decoupled) p2[i] *= S(1 - h.Lr * h.WeightDecay);
            else if (weightDecay != 0) gi = T.FusedMultiplyAdd(S(h.WeightDecay), p2[i], gi);
            m2[i] = T.FusedMultiplyAdd(S(1 - h.Beta1), gi, m2[i] * S(h.Beta1));
            v2[i] = T.FusedMultiplyAdd(S(1 - h.Beta2) * gi, gi, v2[i] * S(h.Beta2));
            T denom = T.Sqrt(v2[i]) / S(bc2Sqrt) + S(h.Eps);
            p2[i] = p2[i] + S(-h.Lr / bc1) * m2[i] / denom;
        }
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
        Assert.Equal(p2, p);
    }
}
