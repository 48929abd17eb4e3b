using static System.FormattableString;

namespace AutoNet.Data;

// Interleaved spirals (the CS231n recipe), reproducible from a NumPy seed.
public static partial class Datasets
{
    /// <summary>
    /// Interleaved spirals, one arm per class (the CS231n recipe), reproducible from a NumPy seed. For class
    /// j = 0 .. nClasses-1 and i = 0 .. n-1, with <c>rs = RandomState(randomState)</c> drawn in class order:
    /// <code>
    /// r = linspace(0, 1, n)[i]
    /// t = linspace(4j, 4(j + 1), n)[i] + noise · rs.randn(n)[i]
    /// X[j·n + i] = (r · sin t, r · cos t),   y[j·n + i] = j
    /// </code>
    /// which equals that NumPy code bit for bit (NumPy's SIMD sine and cosine included, see <see cref="SvmlTrig"/>).
    /// Rows come class by class (not shuffled; use a shuffling <see cref="DataLoader"/>).
    /// </summary>
    /// <param name="nSamplesPerClass">Points per arm, &gt;= 1.</param>
    /// <param name="nClasses">Number of arms (classes), &gt;= 1.</param>
    /// <param name="noise">Standard deviation of the angle noise, finite and &gt;= 0 (the normal values are drawn even when 0).</param>
    /// <param name="randomState">The NumPy seed; null uses a fresh unpredictable seed.</param>
    /// <returns>X, float64 [nSamplesPerClass · nClasses, 2], and y, float64 labels 0 .. nClasses - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static (Tensor X, Tensor y) MakeSpirals(int nSamplesPerClass = 100, int nClasses = 3, double noise = 0.2, uint? randomState = null)
    {
        if (nSamplesPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(nSamplesPerClass), nSamplesPerClass, Invariant($"MakeSpirals: nSamplesPerClass must be >= 1, got {nSamplesPerClass}."));
        if (nClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(nClasses), nClasses, Invariant($"MakeSpirals: nClasses must be >= 1, got {nClasses}."));
        if ((long)nSamplesPerClass * nClasses > int.MaxValue / 2)
            throw new ArgumentOutOfRangeException(nameof(nSamplesPerClass), nSamplesPerClass, Invariant($"MakeSpirals: {nSamplesPerClass} x {nClasses} points is too many."));
        if (!double.IsFinite(noise) || noise < 0)
            throw new ArgumentOutOfRangeException(nameof(noise), noise, Invariant($"MakeSpirals: noise must be a finite number >= 0, got {noise}."));
        var rng = new NumPyRandomState(randomState ?? RandomSeed());
        int n = nSamplesPerClass, total = n * nClasses;
        var x = new double[total * 2];
        var y = new double[total];
        double[] r = LinSpace(0.0, 1.0, n, endpoint: true);
        for (int j = 0; j < nClasses; j++)
        {
            double[] t = LinSpace(j * 4.0, (j + 1) * 4.0, n, endpoint: true);
            for (int i = 0; i < n; i++) t[i] += rng.NextGaussian() * noise;   // linspace(...) + rs.randn(n) * noise
            for (int i = 0; i < n; i++)
            {
                int row = j * n + i;
                x[2 * row] = r[i] * SvmlTrig.Sin(t[i]);                        // np.c_[r * np.sin(t), r * np.cos(t)]
                x[2 * row + 1] = r[i] * SvmlTrig.Cos(t[i]);
                y[row] = j;
            }
        }
        return (Tensor.From(x, total, 2), Tensor.From(y, total));
    }
}
