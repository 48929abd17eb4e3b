using System.Security.Cryptography;
using static System.FormattableString;

namespace AutoNet.Data;

/// <summary>
/// Toy classification datasets, bit-for-bit equal to scikit-learn 1.2.1's generators
/// (<c>sklearn/datasets/_samples_generator.py</c>) run with NumPy 1.24 on an x86-64 CPU with AVX-512.
/// </summary>
/// <remarks>
/// With the same <c>randomState</c> the points, their order and the noise all equal scikit-learn's, so a model
/// trained in Python can be reproduced exactly. Like scikit-learn, the generator first shuffles (it draws
/// <c>shuffle(arange(n))</c>) and then draws the noise <c>normal(scale=noise, size=(n, 2))</c>. The sines
/// and cosines are NumPy's SIMD ones (<see cref="SvmlTrig"/>), which differ from <see cref="Math.Sin"/> in the
/// last bits.
/// </remarks>
public static partial class Datasets
{
    /// <summary>
    /// Two interleaving half circles ("moons"), like <c>sklearn.datasets.make_moons</c>.
    /// </summary>
    /// <param name="nSamples">The total number of points, &gt;= 1: <c>nSamples / 2</c> on the outer (upper)
    /// moon, labelled 0, the rest on the inner (lower) moon, labelled 1.</param>
    /// <param name="shuffle">Whether to shuffle the points (and their labels).</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to every coordinate, &gt;= 0;
    /// null adds none (and draws none).</param>
    /// <param name="randomState">The NumPy seed; null uses a fresh unpredictable seed.</param>
    /// <returns>X, a float64 tensor [nSamples, 2], and y, a float64 tensor [nSamples] of 0/1 labels.</returns>
    public static (Tensor X, Tensor y) MakeMoons(
        int nSamples = 100, bool shuffle = true, double? noise = null, uint? randomState = null)
    {
        Validate(nameof(MakeMoons), nSamples, noise);
        int nOut = nSamples / 2;
        int nIn = nSamples - nOut;

        var xs = new double[nSamples];
        var ys = new double[nSamples];
        var labels = new double[nSamples];
        double[] tOut = LinSpace(0.0, Math.PI, nOut, endpoint: true);
        double[] tIn = LinSpace(0.0, Math.PI, nIn, endpoint: true);
        for (int i = 0; i < nOut; i++)
        {
            xs[i] = SvmlTrig.Cos(tOut[i]);                    // outer_circ_x = cos(linspace(0, pi, n_out))
            ys[i] = SvmlTrig.Sin(tOut[i]);                    // outer_circ_y = sin(...)
        }

        for (int i = 0; i < nIn; i++)
        {
            xs[nOut + i] = 1.0 - SvmlTrig.Cos(tIn[i]);         // inner_circ_x = 1 - cos(linspace(0, pi, n_in))
            ys[nOut + i] = 1.0 - SvmlTrig.Sin(tIn[i]) - 0.5;   // inner_circ_y = 1 - sin(...) - 0.5
            labels[nOut + i] = 1.0;
        }

        return Finish(xs, ys, labels, shuffle, noise, randomState);
    }

    /// <summary>
    /// A large circle containing a smaller one, like <c>sklearn.datasets.make_circles</c>.
    /// </summary>
    /// <param name="nSamples">The total number of points, &gt;= 1: <c>nSamples / 2</c> on the outer circle,
    /// labelled 0, the rest on the inner circle, labelled 1.</param>
    /// <param name="shuffle">Whether to shuffle the points (and their labels).</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to every coordinate, &gt;= 0;
    /// null adds none (and draws none).</param>
    /// <param name="randomState">The NumPy seed; null uses a fresh unpredictable seed.</param>
    /// <param name="factor">The inner circle's radius relative to the outer one's, in [0, 1).</param>
    /// <returns>X, a float64 tensor [nSamples, 2], and y, a float64 tensor [nSamples] of 0/1 labels.</returns>
    public static (Tensor X, Tensor y) MakeCircles(
        int nSamples = 100, bool shuffle = true, double? noise = null, uint? randomState = null, double factor = 0.8)
    {
        if (!(factor >= 0.0 && factor < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                Invariant($"{nameof(MakeCircles)}: factor must be in [0, 1), got {factor}."));
        }

        Validate(nameof(MakeCircles), nSamples, noise);
        int nOut = nSamples / 2;
        int nIn = nSamples - nOut;

        var xs = new double[nSamples];
        var ys = new double[nSamples];
        var labels = new double[nSamples];

        // endpoint=False so that the first point is not repeated as the last one.
        double[] tOut = LinSpace(0.0, 2.0 * Math.PI, nOut, endpoint: false);
        double[] tIn = LinSpace(0.0, 2.0 * Math.PI, nIn, endpoint: false);
        for (int i = 0; i < nOut; i++)
        {
            xs[i] = SvmlTrig.Cos(tOut[i]);                    // outer_circ_x = cos(linspace_out)
            ys[i] = SvmlTrig.Sin(tOut[i]);                    // outer_circ_y = sin(linspace_out)
        }

        for (int i = 0; i < nIn; i++)
        {
            xs[nOut + i] = SvmlTrig.Cos(tIn[i]) * factor;      // inner_circ_x = cos(linspace_in) * factor
            ys[nOut + i] = SvmlTrig.Sin(tIn[i]) * factor;      // inner_circ_y = sin(linspace_in) * factor
            labels[nOut + i] = 1.0;
        }

        return Finish(xs, ys, labels, shuffle, noise, randomState);
    }

    /// <summary>
    /// <c>np.linspace(start, stop, num, endpoint)</c> exactly as NumPy 1.24 computes it:
    /// <c>arange(num) * step + start</c> with <c>step = (stop - start) / div</c>, and with the endpoint the last
    /// element set to <c>stop</c> itself.
    /// </summary>
    internal static double[] LinSpace(double start, double stop, int num, bool endpoint)
    {
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        var y = new double[num];
        double step = div > 0 ? delta / div : double.NaN;
        for (int i = 0; i < num; i++)
        {
            double v;
            if (div <= 0)
            {
                v = i * delta;                                 // 0 or 1 element: y = y * delta
            }
            else if (step == 0.0)
            {
                v = (double)i / div * delta;                   // denormal step (gh-5437): y /= div; y *= delta
            }
            else
            {
                v = i * step;                                  // y *= step
            }

            y[i] = v + start;                                  // y += start
        }

        if (endpoint && num > 1)
        {
            y[num - 1] = stop;                                 // y[-1] = stop
        }

        return y;
    }

    /// <summary>
    /// The common tail of both generators: stack the columns, shuffle rows like
    /// <c>sklearn.utils.shuffle</c> (which draws <c>random_state.shuffle(arange(n))</c>), then add the noise
    /// <c>random_state.normal(scale=noise, size=(n, 2))</c>, filled row-major.
    /// </summary>
    private static (Tensor X, Tensor y) Finish(
        double[] xs, double[] ys, double[] labels, bool shuffle, double? noise, uint? randomState)
    {
        int n = labels.Length;
        var rng = new NumPyRandomState(randomState ?? RandomSeed());

        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        if (shuffle)
        {
            rng.Shuffle<int>(order);
        }

        var x = new double[n * 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = xs[order[i]];
            x[2 * i + 1] = ys[order[i]];
            y[i] = labels[order[i]];
        }

        if (noise is double scale)
        {
            // X += generator.normal(scale=noise, size=X.shape): legacy_normal is loc + scale * gauss, loc = 0.
            for (int k = 0; k < x.Length; k++)
            {
                x[k] += 0.0 + scale * rng.NextGaussian();
            }
        }

        return (Tensor.From(x, n, 2), Tensor.From(y, n));
    }

    private static void Validate(string method, int nSamples, double? noise)
    {
        if (nSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nSamples), nSamples,
                Invariant($"{method}: nSamples must be >= 1, got {nSamples}."));
        }

        if (noise is double s && !(s >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), s,
                Invariant($"{method}: noise must be >= 0 (or null for none), got {s}."));
        }
    }

    private static uint RandomSeed() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)));
}
