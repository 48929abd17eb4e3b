using static System.FormattableString;

namespace AutoNet.Data;

// scikit-learn's make_blobs, bit for bit.
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
}
