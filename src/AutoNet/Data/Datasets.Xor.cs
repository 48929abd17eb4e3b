using static System.FormattableString;

namespace AutoNet.Data;

// The XOR problem, reproducible from a NumPy seed.
public static partial class Datasets
{
    /// <summary>
    /// The XOR problem, reproducible from a NumPy seed: points uniform in the square [-1, 1)², labelled 1 when
    /// exactly one coordinate is positive. With <c>rs = RandomState(randomState)</c>, bit for bit:
    /// <code>
    /// X = rs.uniform(-1, 1, size=(n, 2))
    /// y = np.logical_xor(X[:, 0] &gt; 0, X[:, 1] &gt; 0)
    /// X += rs.normal(scale=noise, size=(n, 2))        (only when noise is given; labels keep the clean points)
    /// </code>
    /// </summary>
    /// <param name="nSamples">The number of points, &gt;= 1.</param>
    /// <param name="noise">Standard deviation of Gaussian noise added after labelling, &gt;= 0; null adds none (and draws none).</param>
    /// <param name="randomState">The NumPy seed; null uses a fresh unpredictable seed.</param>
    /// <returns>X, float64 [nSamples, 2], and y, float64 [nSamples] of 0/1 labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static (Tensor X, Tensor y) MakeXor(int nSamples = 200, double? noise = null, uint? randomState = null)
    {
        Validate(nameof(MakeXor), nSamples, noise);
        if (noise is double s && double.IsInfinity(s))
            throw new ArgumentOutOfRangeException(nameof(noise), s, Invariant($"MakeXor: noise must be finite, got {s}."));
        var rng = new NumPyRandomState(randomState ?? RandomSeed());
        var x = rng.Uniform(-1.0, 1.0, nSamples, 2).ToArray();
        var y = new double[nSamples];
        for (int i = 0; i < nSamples; i++) y[i] = (x[2 * i] > 0) != (x[2 * i + 1] > 0) ? 1.0 : 0.0;
        if (noise is double scale)
            for (int k = 0; k < x.Length; k++) x[k] += 0.0 + scale * rng.NextGaussian();    // legacy_normal: loc + scale * gauss
        return (Tensor.From(x, nSamples, 2), Tensor.From(y, nSamples));
    }
}
