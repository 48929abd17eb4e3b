using static System.FormattableString;

namespace AutoNet.Data;

/// <summary>More toy datasets: scikit-learn's <c>make_blobs</c>, and seeded spirals and XOR with documented formulas.</summary>
public static partial class Datasets
{
    /// <summary>
    /// Isotropic Gaussian blobs around <paramref name="centers"/> random centres, bit for bit equal to
    /// scikit-learn 1.2.1's <c>make_blobs(n_samples, n_features, centers=centers, cluster_std, center_box, shuffle,
    /// random_state)</c>: the centres are drawn <c>uniform(low, high, size=(centers, nFeatures))</c>, centre i gets
    /// <c>nSamples / centers</c> points (the first <c>nSamples % centers</c> one more), drawn
    /// <c>normal(loc=centre, scale=clusterStd, size=(n_i, nFeatures))</c> in order, then the rows are shuffled.
    /// </summary>
    /// <param name="nSamples">The total number of points, &gt;= 1.</param>
    /// <param name="nFeatures">The number of coordinates per point, &gt;= 1.</param>
    /// <param name="centers">The number of blobs, &gt;= 1.</param>
    /// <param name="clusterStd">The standard deviation of every blob, finite and &gt;= 0.</param>
    /// <param name="centerBoxLow">The lower bound of the centres' coordinates (sklearn's <c>center_box[0]</c>).</param>
    /// <param name="centerBoxHigh">The upper bound of the centres' coordinates, &gt;= the lower one (<c>center_box[1]</c>).</param>
    /// <param name="shuffle">Whether to shuffle the rows (as <c>sklearn.utils.shuffle</c>).</param>
    /// <param name="randomState">The NumPy seed; null uses a fresh unpredictable seed.</param>
    /// <returns>X, float64 [nSamples, nFeatures], and y, float64 [nSamples] holding each point's blob index 0 .. centers - 1.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static (Tensor X, Tensor y) MakeBlobs(int nSamples = 100, int nFeatures = 2, int centers = 3, double clusterStd = 1.0,
        double centerBoxLow = -10.0, double centerBoxHigh = 10.0, bool shuffle = true, uint? randomState = null)
    {
        if (nFeatures < 1)
            throw new ArgumentOutOfRangeException(nameof(nFeatures), nFeatures, Invariant($"MakeBlobs: nFeatures must be >= 1, got {nFeatures}."));
        if (centers < 1)
            throw new ArgumentOutOfRangeException(nameof(centers), centers, Invariant($"MakeBlobs: centers must be >= 1, got {centers}."));
        if (!double.IsFinite(centerBoxLow) || !double.IsFinite(centerBoxHigh) || centerBoxHigh < centerBoxLow || !double.IsFinite(centerBoxHigh - centerBoxLow))
            throw new ArgumentException(
                Invariant($"MakeBlobs: the centre box must be finite with low <= high, got ({centerBoxLow}, {centerBoxHigh})."), nameof(centerBoxHigh));
        CheckBlobs(nSamples, clusterStd);
        var rng = new NumPyRandomState(randomState ?? RandomSeed());
        var box = rng.Uniform(centerBoxLow, centerBoxHigh, centers, nFeatures).ToArray();   // generator.uniform(*center_box, size=(n_centers, n_features))
        return Blobs(rng, nSamples, box, centers, nFeatures, clusterStd, shuffle);
    }

    /// <summary>
    /// Isotropic Gaussian blobs around given centres, bit for bit equal to scikit-learn 1.2.1's
    /// <c>make_blobs(n_samples, centers=centers, cluster_std, shuffle, random_state)</c> with an array of centres
    /// (no random draw for the centres; the number of features is the number of columns).
    /// </summary>
    /// <param name="nSamples">The total number of points, &gt;= 1.</param>
    /// <param name="centers">The centres, one per row (at least one row and one column, all finite).</param>
    /// <param name="clusterStd">The standard deviation of every blob, finite and &gt;= 0.</param>
    /// <param name="shuffle">Whether to shuffle the rows.</param>
    /// <param name="randomState">The NumPy seed; null uses a fresh unpredictable seed.</param>
    /// <returns>X, float64 [nSamples, columns], and y, float64 [nSamples] holding each point's centre row.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static (Tensor X, Tensor y) MakeBlobs(int nSamples, double[,] centers, double clusterStd = 1.0, bool shuffle = true, uint? randomState = null)
    {
        ArgumentNullException.ThrowIfNull(centers);
        int k = centers.GetLength(0), features = centers.GetLength(1);
        if (k < 1 || features < 1)
            throw new ArgumentException(Invariant($"MakeBlobs: centers must have at least one row and one column, got [{k}, {features}]."), nameof(centers));
        var flat = new double[k * features];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < features; j++)
            {
                if (!double.IsFinite(centers[i, j]))
                    throw new ArgumentException(Invariant($"MakeBlobs: centers[{i}, {j}] is {centers[i, j]}; centres must be finite."), nameof(centers));
                flat[i * features + j] = centers[i, j];
            }
        CheckBlobs(nSamples, clusterStd);
        return Blobs(new NumPyRandomState(randomState ?? RandomSeed()), nSamples, flat, k, features, clusterStd, shuffle);
    }

    private static void CheckBlobs(int nSamples, double clusterStd)
    {
        if (nSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(nSamples), nSamples, Invariant($"MakeBlobs: nSamples must be >= 1, got {nSamples}."));
        if (!double.IsFinite(clusterStd) || clusterStd < 0)
            throw new ArgumentOutOfRangeException(nameof(clusterStd), clusterStd, Invariant($"MakeBlobs: clusterStd must be a finite number >= 0, got {clusterStd}."));
    }

    private static (Tensor X, Tensor y) Blobs(NumPyRandomState rng, int nSamples, double[] centers, int k, int features, double std, bool shuffle)
    {
        var x = new double[(long)nSamples * features];
        var y = new double[nSamples];
        int row = 0;
        for (int c = 0; c < k; c++)
        {
            int n = nSamples / k + (c < nSamples % k ? 1 : 0);                // n_samples_per_center, the first n % k get one more
            for (int r = 0; r < n; r++, row++)
            {
                for (int j = 0; j < features; j++)                               // generator.normal(loc=centers[i], scale=std, size=(n, n_features))
                    x[(long)row * features + j] = centers[c * features + j] + std * rng.NextGaussian();
                y[row] = c;
            }
        }
        if (!shuffle) return (Tensor.From(x, nSamples, features), Tensor.From(y, nSamples));
        int[] order = rng.Permutation(nSamples);                                 // util_shuffle: indices = arange(n); shuffle(indices)
        var xs = new double[x.Length];
        var ys = new double[nSamples];
        for (int i = 0; i < nSamples; i++)
        {
            Array.Copy(x, (long)order[i] * features, xs, (long)i * features, features);
            ys[i] = y[order[i]];
        }
        return (Tensor.From(xs, nSamples, features), Tensor.From(ys, nSamples));
    }

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
