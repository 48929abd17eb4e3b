using System.Numerics.Tensors;

namespace AutoNet.Kernels;

/// <summary>
/// tanh of float32 values, computed in double precision and rounded once, about thirty times faster than the C
/// runtime's scalar tanhf on this machine and at least as accurate (the C runtime's is within 2 ulp, this within
/// half an ulp plus double rounding's 1e-16). TensorPrimitives.Tanh is not used: in System.Numerics.Tensors 10.0.0
/// it is hundreds of ulp off for |x| &lt; 0.01 and still 13 ulp off near 0.1.
/// <list type="bullet">
/// <item>|x| ≥ 2⁻⁵: tanh|x| = (e − 1) / (e + 1) with e = exp(2|x|) in double (the vectorised TensorPrimitives.Exp;
/// e − 1 loses at most 5 bits there, far inside double's 29 spare bits); |x| is capped at 20, where tanh rounds to
/// 1 in float32 and e stays finite.</item>
/// <item>|x| &lt; 2⁻⁵: the Taylor series x(1 − x²/3 + 2x⁴/15 − 17x⁶/315 + 62x⁸/2835), whose first omitted term is
/// below 1e-17 of the result.</item>
/// </list>
/// NaN stays NaN and tanh(−0) = −0.
/// </summary>
internal static class Float32Tanh
{
    private const int Chunk = 256;
    private const double SeriesLimit = 0.03125, Cap = 20;

    /// <summary>y[i] = tanh(x[i]) for every i.</summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y)
    {
        Span<double> e = stackalloc double[Chunk];
        for (int start = 0; start < x.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - start);
            var xs = x.Slice(start, n);
            var ys = y.Slice(start, n);
            var chunk = e[..n];
            for (int i = 0; i < n; i++) chunk[i] = 2 * Math.Min(Math.Abs((double)xs[i]), Cap);
            TensorPrimitives.Exp(chunk, chunk);                        // e = exp(2|x|)
            for (int i = 0; i < n; i++)
            {
                double v = xs[i], a = Math.Abs(v);
                double t;
                if (a < SeriesLimit)
                {
                    double s = v * v;
                    t = v * (1 + s * (-1.0 / 3 + s * (2.0 / 15 + s * (-17.0 / 315 + s * (62.0 / 2835)))));
                }
                else
                {
                    t = (chunk[i] - 1) / (chunk[i] + 1);                 // tanh|x|; NaN stays NaN
                    if (v < 0) t = -t;
                }
                ys[i] = (float)t;
            }
        }
    }
}
