using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>
/// erf of float32 values, computed in double precision and rounded once, vectorised: about fifty times faster
/// than the float64 <c>SpecialFunctions.Erf</c> (a compensated series or a continued fraction per value), which the
/// exact GELU of a transformer calls on every activation. For |x| &lt; 4 it is the Maclaurin series
/// erf(x) = 2/√π · x · Σₙ (−1)ⁿ x²ⁿ / (n! (2n + 1)), n = 0..64, by Horner's rule in x² (the first omitted term is
/// below 3e-14 at |x| = 4; the largest term, 1.1e5 near n = 15, costs about 1e-10 in cancellation, far below
/// float32's half ulp of 3e-8 near 1). From |x| = 4 on, erf(x) rounds to ±1 in float32 (erfc(3.92) is already
/// below half an ulp), so x is clamped to ±4. NaN stays NaN and erf(−0) = −0.
/// </summary>
internal readonly struct Float32Erf : IDoubleFunction
{
    private const int Terms = 65;
    private const double Clamp = 4, TwoOverSqrtPi = 1.1283791670955125738961589031215452;

    /// <summary>(−1)ⁿ / (n! (2n + 1)), n = 0..64.</summary>
    private static readonly double[] Coefficients = MakeCoefficients();

    /// <summary>
    /// y[i] = erf(x[i]) for every i. Two float vectors (four double vectors) go through the series together: each
    /// Horner step is a multiply and an add that must wait for the step before, so one chain at a time leaves the
    /// floating-point units idle; four independent chains keep them busy. Each lane still sees the same operations
    /// in the same order as <see cref="Apply(Vector{double})"/>, so the bits are the same (Float32ErfTests):
    /// 131,072 values took 0.9 ms against 2.4 ms one vector at a time (a stopwatch loop on the 2-core machine).
    /// The sixteen values of a step take only the terms their largest needs (<see cref="TermsFor"/>), which gives
    /// the same float32 results: a network's activations, mostly below 2 in size, take 21 or 36 terms of 65.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; i <= x.Length - 2 * width; i += 2 * width)
            {
                Vector.Widen(new Vector<float>(x.Slice(i, width)), out var v0, out var v1);
                Vector.Widen(new Vector<float>(x.Slice(i + width, width)), out var v2, out var v3);
                Vector<double> c0 = Clamped(v0), c1 = Clamped(v1), c2 = Clamped(v2), c3 = Clamped(v3);
                Vector<double> s0 = c0 * c0, s1 = c1 * c1, s2 = c2 * c2, s3 = c3 * c3;
                int terms = TermsFor(Vector.Max(Vector.Max(s0, s1), Vector.Max(s2, s3)));
                var p0 = new Vector<double>(Coefficients[terms - 1]);
                Vector<double> p1 = p0, p2 = p0, p3 = p0;
                for (int n = terms - 2; n >= 0; n--)
                {
                    var cn = new Vector<double>(Coefficients[n]);
                    p0 = p0 * s0 + cn;
                    p1 = p1 * s1 + cn;
                    p2 = p2 * s2 + cn;
                    p3 = p3 * s3 + cn;
                }
                Vector.Narrow(Finish(v0, c0, p0), Finish(v1, c1, p1)).CopyTo(y.Slice(i, width));
                Vector.Narrow(Finish(v2, c2, p2), Finish(v3, c3, p3)).CopyTo(y.Slice(i + width, width));
            }
        }
        Float32ViaDouble.Map(x[i..], y[i..], default(Float32Erf));
    }

    /// <summary>
    /// How many terms of the series the sixteen values whose squares are <paramref name="squares"/> need: the
    /// terms past these are below 1e-19 of the sum, and leaving them out changes no float32 result. That was
    /// checked for every float32 x in each range (|x| ≤ 0.5: 13 terms, ≤ 1: 21, ≤ 2: 36, ≤ 3: 54), against the
    /// 65-term series (<c>dotnet run -c Release --project tests/AutoNet.Benchmarks -- --check-erf</c>, about a
    /// minute); Float32ErfTests replays samples. Values past 3, and NaN (whose comparisons fail), take all 65.
    /// </summary>
    private static int TermsFor(Vector<double> squares)
    {
        double most = 0;
        for (int l = 0; l < Vector<double>.Count; l++) most = Math.Max(most, squares[l]);
        foreach (var (limit, terms) in ShortenedRanges)
            if (most <= limit * limit) return terms;                  // x² is exact for a float32 x
        return Terms;                                                 // past 3, or NaN
    }

    /// <summary>The ranges |x| ≤ limit where fewer terms give the same float32 results, and their term counts.</summary>
    internal static readonly (float Limit, int Terms)[] ShortenedRanges = [(0.5f, 13), (1f, 21), (2f, 36), (3f, 54)];

    /// <summary>The number of terms of the whole series.</summary>
    internal const int AllTerms = Terms;

    /// <summary>c · (the series' first <paramref name="terms"/> terms in c²) · 2/√π, as <see cref="Run"/> computes it
    /// for c in its range: the exhaustive check (tests/AutoNet.Benchmarks --check-erf) compares term counts with it.</summary>
    internal static Vector<double> Series(Vector<double> c, int terms)
    {
        var s = c * c;
        var p = new Vector<double>(Coefficients[terms - 1]);
        for (int n = terms - 2; n >= 0; n--) p = p * s + new Vector<double>(Coefficients[n]);
        return c * p * TwoOverSqrtPi;
    }

    /// <summary>The series on every lane, x clamped to ±4.</summary>
    public Vector<double> Apply(Vector<double> v)
    {
        var c = Clamped(v);
        var s = c * c;
        var p = new Vector<double>(Coefficients[Terms - 1]);
        for (int n = Terms - 2; n >= 0; n--) p = p * s + new Vector<double>(Coefficients[n]);
        return Finish(v, c, p);
    }

    private static Vector<double> Clamped(Vector<double> v) =>
        Vector.Min(Vector.Max(v, new Vector<double>(-Clamp)), new Vector<double>(Clamp));

    /// <summary>erf = c · series · 2/√π (c carries the sign, −0 included); NaN stays NaN.</summary>
    private static Vector<double> Finish(Vector<double> v, Vector<double> c, Vector<double> p) =>
        Vector.ConditionalSelect(Vector.Equals(v, v), c * p * TwoOverSqrtPi, v);

    /// <summary>The same series on one value.</summary>
    public double Apply(double v)
    {
        if (double.IsNaN(v)) return v;
        double c = Math.Clamp(v, -Clamp, Clamp), s = c * c, p = Coefficients[Terms - 1];
        for (int n = Terms - 2; n >= 0; n--) p = p * s + Coefficients[n];
        return c * p * TwoOverSqrtPi;
    }

    private static double[] MakeCoefficients()
    {
        var c = new double[Terms];
        double factorial = 1;
        for (int n = 0; n < Terms; n++)
        {
            if (n > 0) factorial *= n;
            c[n] = (n % 2 == 0 ? 1 : -1) / (factorial * (2 * n + 1));
        }
        return c;
    }
}
